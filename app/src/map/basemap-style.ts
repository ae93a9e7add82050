import type { StyleSpecification } from 'maplibre-gl';

export const COLORS = { water: '#c9dcea', land: '#f4f1ea', border: '#8a7f74', regionBorder: '#6b5f53' };

/**
 * The offline basemap: Natural Earth countries served by our own server (1:50m for the world,
 * 1:10m over the China–DPRK border region). No glyphs URL: MapLibre draws label text with the
 * browser's own fonts, so CJK names render and nothing is fetched from elsewhere.
 */
export async function offlineBasemapStyle(signal?: AbortSignal): Promise<StyleSpecification> {
  const [world, region] = await Promise.all(
    ['world', 'region'].map(async (name) => {
      const res = await fetch(`/basemap/${name}.json`, { signal });
      if (!res.ok) throw new Error(`basemap ${name}: ${res.status}`);
      return (await res.json()) as { countries: GeoJSON.FeatureCollection; borders: GeoJSON.FeatureCollection };
    }),
  );
  return {
    version: 8,
    sources: {
      'world-countries': { type: 'geojson', data: world.countries, attribution: 'Natural Earth' },
      'world-borders': { type: 'geojson', data: world.borders },
      'region-countries': { type: 'geojson', data: region.countries },
      'region-borders': { type: 'geojson', data: region.borders },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
      { id: 'world-land', type: 'fill', source: 'world-countries', paint: { 'fill-color': COLORS.land } },
      { id: 'world-borders', type: 'line', source: 'world-borders', paint: { 'line-color': COLORS.border, 'line-width': 0.8 } },
      { id: 'region-land', type: 'fill', source: 'region-countries', paint: { 'fill-color': COLORS.land } },
      {
        id: 'region-borders',
        type: 'line',
        source: 'region-borders',
        paint: { 'line-color': COLORS.regionBorder, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 8, 2] },
      },
    ],
  };
}

/** The style the analyst map starts with: water only, so crossings can be drawn before the basemap has arrived. */
export const WATER_ONLY_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'water', type: 'background', paint: { 'background-color': COLORS.water } }],
};

/**
 * Adds the offline basemap's sources and layers under whatever the map already draws (the crossings), once its
 * 2 MB of country shapes have arrived: the first crossings do not wait for them.
 */
export function addBasemapBelow(map: import('maplibre-gl').Map, basemap: StyleSpecification) {
  const first = map.getStyle().layers.find((l) => l.id !== 'water')?.id;
  for (const [id, source] of Object.entries(basemap.sources)) if (!map.getSource(id)) map.addSource(id, source);
  for (const layer of basemap.layers) if (!map.getLayer(layer.id)) map.addLayer(layer, first);
}
