// MapLibre's worker, built from MapLibre's own TypeScript sources in the same Vite build as the
// pages: the code both sides use (style spec, buckets, geometry) lands in shared chunks that the
// browser loads once, instead of twice as with the prebuilt main + worker bundles (see docs/map.md).
import 'maplibre-gl-source/source/worker.ts';
