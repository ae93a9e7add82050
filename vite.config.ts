import { defineConfig } from 'vite';

// The front end lives in app/; the server serves app/dist at `/`.
export default defineConfig({
  root: 'app',
  // MapLibre alone is about 1 MB minified: the default 500 kB warning says nothing useful here.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
