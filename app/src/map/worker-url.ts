/**
 * Where MapLibre starts its worker from. The build emits the worker entry under a fixed name
 * (vite.config.ts); the dev server serves the TypeScript module itself.
 */
export const MAPLIBRE_WORKER_URL = import.meta.env.DEV ? '/src/map/maplibre-worker.ts' : '/assets/maplibre-worker.js';
