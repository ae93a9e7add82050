import { AttributionControl, Map as MapLibreMap, NavigationControl, prewarm, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import type { EmbedBasemapDto, EmbedDataDto } from '../../../server/contracts/embeds.js';
import { nameIn, type NameLanguage } from '../i18n/t.js';
import { MAPLIBRE_WORKER_URL } from '../map/worker-url.js';
import { CIRCLE_OPACITY, PALETTES, STROKE_WIDTH } from './map-palette.js';

setWorkerUrl(MAPLIBRE_WORKER_URL);
// Started now, while the page builds its header and chart, not when the map is made (as on the analyst map).
prewarm();

/** What `/embed/:id/basemap.json` answers. */
export type Basemap = EmbedBasemapDto;


/** The crossings as flat features (MapLibre expressions read top-level properties only). */
export function crossingFeatures(d: EmbedDataDto, lang: NameLanguage): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: d.crossings
      .filter((c) => c.lng !== null && c.lat !== null)
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lng!, c.lat!] },
        properties: {
          id: c.id, label: nameIn(c.names, lang), radius: c.radius, color: c.color,
          hasValue: c.value !== null, selected: c.id === d.crossing,
        },
      })),
  };
}

function styleFor(d: EmbedDataDto, basemap: Basemap, dark: boolean, lang: NameLanguage): StyleSpecification {
  const c = dark ? PALETTES.dark : PALETTES.light;
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: basemap.countries, attribution: 'Natural Earth' },
      borders: { type: 'geojson', data: basemap.borders },
      crossings: { type: 'geojson', data: crossingFeatures(d, lang) },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': c.water } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': c.land } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': c.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 9, 2] } },
      {
        id: 'crossings',
        type: 'circle',
        source: 'crossings',
        paint: {
          'circle-radius': ['get', 'radius'],
          'circle-color': ['get', 'color'],
          'circle-opacity': ['case', ['get', 'hasValue'], CIRCLE_OPACITY.value, CIRCLE_OPACITY.noValue],
          'circle-stroke-color': ['case', ['get', 'selected'], c.selected, c.halo],
          'circle-stroke-width': ['case', ['get', 'selected'], STROKE_WIDTH.selected, STROKE_WIDTH.other],
        },
      },
      {
        id: 'crossing-labels',
        type: 'symbol',
        source: 'crossings',
        layout: {
          'text-field': ['get', 'label'],
          'text-size': ['case', ['get', 'selected'], 13, 11],
          'text-offset': [0, 1.6],
          'text-anchor': 'top',
          'text-max-width': 14,
          'text-optional': true,
        },
        paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.5 },
      },
    ],
  };
}

/** The embed's map: the saved camera, panning kept to the area the basemap was cut to. */
export function createEmbedMap(
  container: HTMLElement, d: EmbedDataDto, basemap: Basemap, opts: { dark: boolean; interactive: boolean; lang: NameLanguage },
): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: styleFor(d, basemap, opts.dark, opts.lang),
    center: [d.camera.lng, d.camera.lat],
    zoom: d.camera.zoom,
    maxBounds: d.bounds,
    interactive: opts.interactive,
    // In an article, the page scrolls: zooming takes ctrl/⌘ + scroll or two fingers.
    cooperativeGestures: opts.interactive,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: false },
  });
  // A static map is a picture (role img): nothing in it may take focus, so its credit is plain text, not a toggle button.
  map.addControl(new AttributionControl({ compact: opts.interactive }), 'bottom-right');
  if (opts.interactive) map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  else map.getCanvas().removeAttribute('tabindex');
  return map;
}

/** New data without a reload; a new basemap cut (the area moved) replaces the old and the pan limits. */
export function updateEmbedMap(map: MapLibreMap, d: EmbedDataDto, lang: NameLanguage, basemap: Basemap | null) {
  (map.getSource('crossings') as GeoJSONSource | undefined)?.setData(crossingFeatures(d, lang));
  if (!basemap) return;
  (map.getSource('countries') as GeoJSONSource | undefined)?.setData(basemap.countries);
  (map.getSource('borders') as GeoJSONSource | undefined)?.setData(basemap.borders);
  map.setMaxBounds(d.bounds);
  map.jumpTo({ center: [d.camera.lng, d.camera.lat], zoom: d.camera.zoom });
}

/** The reader switched between light and dark (with `dark=auto`): the same map in the other palette, without a reload. */
export function setEmbedMapTheme(map: MapLibreMap, dark: boolean) {
  const c = dark ? PALETTES.dark : PALETTES.light;
  map.setPaintProperty('water', 'background-color', c.water);
  map.setPaintProperty('land', 'fill-color', c.land);
  map.setPaintProperty('borders', 'line-color', c.border);
  map.setPaintProperty('crossings', 'circle-stroke-color', ['case', ['get', 'selected'], c.selected, c.halo]);
  map.setPaintProperty('crossing-labels', 'text-color', c.text);
  map.setPaintProperty('crossing-labels', 'text-halo-color', c.halo);
}
