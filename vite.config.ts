import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const page = (p: string) => fileURLToPath(new URL(`./app/${p}`, import.meta.url));

// The front end lives in app/ (three pages: the map, the upload app, the review queue); the
// server serves app/dist at `/`. The upload app is an installable PWA whose service worker
// keeps the app shell and the crossing list available offline.
export default defineConfig({
  root: 'app',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is about 1 MB minified: the default 500 kB warning says nothing useful here.
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { map: page('index.html'), upload: page('upload/index.html'), review: page('review/index.html') } },
  },
  plugins: [
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'landport upload',
        short_name: 'landport',
        description: 'Submit border-crossing observations, also offline',
        start_url: '/upload/',
        scope: '/upload/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1b4f72',
        icons: [{ src: '/upload/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      manifestFilename: 'upload/manifest.webmanifest',
      workbox: {
        // Only what the upload app needs; the map's basemap and bundle stay out of the phone's cache.
        globPatterns: ['upload/**/*.{html,svg,webmanifest}', 'assets/*.{js,css}'],
        globIgnores: ['**/basemap-style-*', '**/maplibre-gl-worker-*', '**/map-*', '**/review-*'],
        navigateFallback: null,
        runtimeCaching: [
          { urlPattern: ({ url }) => url.pathname === '/api/crossings', handler: 'NetworkFirst', options: { cacheName: 'crossings', networkTimeoutSeconds: 4 } },
          { urlPattern: ({ url }) => url.pathname === '/api/auth/me', handler: 'NetworkFirst', options: { cacheName: 'me', networkTimeoutSeconds: 3 } },
        ],
      },
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000', '/photos': 'http://127.0.0.1:3000' } },
});
