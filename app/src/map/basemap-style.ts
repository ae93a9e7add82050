import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';

export const COLORS = { water: '#c9dcea', land: '#f4f1ea', border: '#8a7f74', regionBorder: '#6b5f53' };

type BasemapFile = { countries: GeoJSON.FeatureCollection; borders: GeoJSON.FeatureCollection };

async function fetchBasemap(name: 'world' | 'world-110m' | 'region', signal?: AbortSignal): Promise<BasemapFile> {
  const res = await fetch(`/basemap/${name}.json`, { signal });
  if (!res.ok) throw new Error(`basemap ${name}: ${res.status}`);
  return (await res.json()) as BasemapFile;
}

const WORLD_LAYERS: StyleSpecification['layers'] = [
  { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
  { id: 'world-land', type: 'fill', source: 'world-countries', paint: { 'fill-color': COLORS.land } },
  { id: 'world-borders', type: 'line', source: 'world-borders', paint: { 'line-color': COLORS.border, 'line-width': 0.8 } },
];
const REGION_LAYERS: StyleSpecification['layers'] = [
  { id: 'region-land', type: 'fill', source: 'region-countries', paint: { 'fill-color': COLORS.land } },
  {
    id: 'region-borders',
    type: 'line',
    source: 'region-borders',
    paint: { 'line-color': COLORS.regionBorder, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 8, 2] },
  },
];

const worldSources = (world: BasemapFile): StyleSpecification['sources'] => ({
  'world-countries': { type: 'geojson', data: world.countries, attribution: 'Natural Earth' },
  'world-borders': { type: 'geojson', data: world.borders },
});

/**
 * The offline basemap: Natural Earth countries served by our own server (1:50m for the world,
 * 1:10m over the China–DPRK border region). No glyphs URL: MapLibre draws label text with the
 * browser's own fonts, so CJK names render and nothing is fetched from elsewhere.
 */
export async function offlineBasemapStyle(signal?: AbortSignal): Promise<StyleSpecification> {
  const [world, region] = await Promise.all([fetchBasemap('world', signal), fetchBasemap('region', signal)]);
  return {
    version: 8,
    sources: {
      ...worldSources(world),
      'region-countries': { type: 'geojson', data: region.countries },
      'region-borders': { type: 'geojson', data: region.borders },
    },
    layers: [...WORLD_LAYERS, ...REGION_LAYERS],
  };
}

/**
 * The analyst map's offline basemap, added under the crossings once they are drawn, in two steps: the 1:110m world
 * (200 KB), then the 1:50m world in its place and the 1:10m border region. On software WebGL even a bare MapLibre
 * page takes 1.6 s to its first circles here, and land under them 0.4 s more; the 2 MB of 1:50m shapes, tiled
 * first on MapLibre's one worker, held the crossings back by 1.3 s (docs/performance.md). Both files are fetched
 * at once; a step that fails leaves what was drawn before it.
 */
export async function addOfflineBasemapInSteps(map: MapLibreMap, crossingsDrawn: Promise<void>) {
  const coarse = fetchBasemap('world-110m');
  const detail = Promise.all([fetchBasemap('world'), fetchBasemap('region')]);
  detail.catch(() => undefined);
  await crossingsDrawn;
  addBasemapBelow(map, { version: 8, sources: worldSources(await coarse), layers: WORLD_LAYERS });
  // The coarse land is tiled and drawn before the detail replaces it.
  await new Promise((resolve) => map.once('idle', resolve));
  const [world, region] = await detail;
  (map.getSource('world-countries') as GeoJSONSource).setData(world.countries);
  (map.getSource('world-borders') as GeoJSONSource).setData(world.borders);
  addBasemapBelow(map, {
    version: 8,
    sources: { 'region-countries': { type: 'geojson', data: region.countries }, 'region-borders': { type: 'geojson', data: region.borders } },
    layers: REGION_LAYERS,
  });
}

/** The style the analyst map starts with: water only, so crossings can be drawn before the basemap has arrived. */
export const WATER_ONLY_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'water', type: 'background', paint: { 'background-color': COLORS.water } }],
};

const BASEMAP_LAYER_IDS = new Set([...WORLD_LAYERS, ...REGION_LAYERS].map((l) => l.id));

/**
 * Adds basemap sources and layers above the basemap already drawn and under everything else (the crossings), once
 * their country shapes have arrived: the first crossings do not wait for them.
 */
export function addBasemapBelow(map: MapLibreMap, basemap: StyleSpecification) {
  const first = map.getStyle().layers.find((l) => !BASEMAP_LAYER_IDS.has(l.id))?.id;
  for (const [id, source] of Object.entries(basemap.sources)) if (!map.getSource(id)) map.addSource(id, source);
  for (const layer of basemap.layers) if (!map.getLayer(layer.id)) map.addLayer(layer, first);
}
