import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { maplibreEmbedCss } from './app/build/maplibre-css-subset.js';

const page = (p: string) => fileURLToPath(new URL(`./app/${p}`, import.meta.url));
const maplibreSource = fileURLToPath(new URL('./node_modules/maplibre-gl/src', import.meta.url));

/**
 * MapLibre's sources declare fields that a base-class constructor fills (struct arrays'
 * typed-array views); with standard class fields (our tsconfig's ES2022 target) those
 * declarations would reset them to undefined. MapLibre's own build compiles them with
 * TypeScript's older assignment semantics; so does this transform, for MapLibre's files only.
 */
function maplibreClassFields(): Plugin {
  return {
    name: 'landport-maplibre-class-fields',
    enforce: 'pre',
    async transform(code, id) {
      if (!id.startsWith(maplibreSource) || !id.endsWith('.ts')) return null;
      const out = await transformWithOxc(code, id, {
        lang: 'ts',
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      });
      return { code: out.code, map: out.map };
    },
  };
}

/** Entries served under fixed names: publishers include `/embed.js`; MapLibre is told where its worker is. */
const FIXED_NAMES: Record<string, string> = { embedResizer: 'embed.js', maplibreWorker: 'assets/maplibre-worker.js' };

// The front end lives in app/ (seven pages: the map, the upload app, the review queue, the embed, the
// analysts' saved embeds at /embeds/, first-run setup at /setup/ and the admin area at /admin/);
// the server serves app/dist at `/`. MapLibre is built from its TypeScript sources (shipped in its
// package) with its worker as one more entry, so the main thread and the worker share chunks:
// about 125 KB gzip less than MapLibre's two prebuilt bundles, which each carry the shared code. The upload app is an installable PWA whose service worker
// keeps the app shell and the crossing list available offline.
export default defineConfig({
  root: 'app',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is about 1 MB minified: the default 500 kB warning says nothing useful here.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        map: page('index.html'),
        upload: page('upload/index.html'),
        review: page('review/index.html'),
        embed: page('embed/index.html'),
        embeds: page('embeds/index.html'),
        setup: page('setup/index.html'),
        admin: page('admin/index.html'),
        embedResizer: page('src/embed/resizer.ts'),
        maplibreWorker: page('src/map/maplibre-worker.ts'),
      },
      output: {
        entryFileNames: (chunk) => FIXED_NAMES[chunk.name] ?? 'assets/[name]-[hash].js',
        // Chunks holding MapLibre are named so: the upload app's service worker leaves them out.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/node_modules/maplibre-gl/') || id.includes('/@maplibre/'))
            ? 'assets/maplibre-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  // MapLibre's TypeScript is compiled by maplibreClassFields() above.
  oxc: { exclude: [/node_modules\/maplibre-gl\/src\//] },
  resolve: {
    alias: [
      { find: /^maplibre-gl$/, replacement: `${maplibreSource}/index.ts` },
      { find: /^maplibre-gl-source\//, replacement: `${maplibreSource}/` },
    ],
  },
  plugins: [
    maplibreEmbedCss(),
    maplibreClassFields(),
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
        globIgnores: ['**/basemap-style-*', '**/maplibre-*', '**/map-*', '**/review-*', '**/embed*', '**/admin-*', '**/setup-*'],
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
