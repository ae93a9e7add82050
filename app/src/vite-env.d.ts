/// <reference types="vite/client" />
declare module "*?url" { const url: string; export default url; }
// Vite aliases `maplibre-gl` to MapLibre's TypeScript sources (vite.config.ts); its worker entry has no exports.
declare module 'maplibre-gl-source/source/worker.ts';
declare module 'virtual:maplibre-embed.css';
