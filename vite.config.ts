import { defineConfig } from 'vite';

// The front end lives in app/; the server serves app/dist at `/`.
export default defineConfig({
  root: 'app',
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
