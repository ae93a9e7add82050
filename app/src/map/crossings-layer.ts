import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { CrossingCollection } from '../api.js';
import { nameIn, type NameLanguage } from '../i18n/t.js';

export const CROSSINGS_SOURCE = 'crossings';
export const CROSSINGS_LAYER = 'crossings-circles';
export const LABELS_LAYER = 'crossings-labels';

/** What one crossing looks like in the selected month, set as feature state so a month step never re-tiles. */
export type CrossingSymbol = { radius: number; color: string; hasData: boolean; selected: boolean };

/** Flattens crossings for MapLibre (expressions cannot reach nested properties); unknown locations are left out. */
function toSourceData(crossings: CrossingCollection, lang: NameLanguage): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: crossings.features
      .filter((f) => f.geometry)
      .map((f) => ({
        type: 'Feature',
        geometry: f.geometry!,
        properties: {
          id: f.properties.id,
          label: nameIn(f.properties.names, lang),
          kind: f.properties.kind,
          countries: f.properties.countries.join('–'),
        },
      })),
  };
}

export function addCrossingsLayers(map: MapLibreMap, crossings: CrossingCollection, lang: NameLanguage) {
  map.addSource(CROSSINGS_SOURCE, { type: 'geojson', data: toSourceData(crossings, lang), promoteId: 'id' });
  map.addLayer({
    id: CROSSINGS_LAYER,
    type: 'circle',
    source: CROSSINGS_SOURCE,
    paint: {
      'circle-radius': ['coalesce', ['feature-state', 'radius'], 4],
      'circle-color': ['coalesce', ['feature-state', 'color'], '#9e9e9e'],
      'circle-opacity': ['case', ['boolean', ['feature-state', 'hasData'], false], 0.85, 0.35],
      'circle-stroke-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#111111', '#ffffff'],
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1],
    },
  });
  map.addLayer({
    id: LABELS_LAYER,
    type: 'symbol',
    source: CROSSINGS_SOURCE,
    minzoom: 5,
    layout: {
      'text-field': ['get', 'label'],
      'text-size': 12,
      'text-offset': [0, 1.4],
      'text-anchor': 'top',
      'text-max-width': 12,
      'text-optional': true,
    },
    paint: { 'text-color': '#333333', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
}

/** How long the detailed basemap waits for the first crossings before it goes in anyway (their request may fail). */
const CROSSINGS_DRAWN_TIMEOUT_MS = 10_000;

/** Resolves at the first frame that shows crossings on the map (or after 10 s, whatever happened to them). */
export function whenCrossingsDrawn(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      map.off('render', check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (map.getLayer(CROSSINGS_LAYER) && map.queryRenderedFeatures({ layers: [CROSSINGS_LAYER] }).length > 0) done();
    };
    const timer = setTimeout(done, CROSSINGS_DRAWN_TIMEOUT_MS);
    map.on('render', check);
  });
}

export function setCrossingLabels(map: MapLibreMap, crossings: CrossingCollection, lang: NameLanguage) {
  (map.getSource(CROSSINGS_SOURCE) as GeoJSONSource | undefined)?.setData(toSourceData(crossings, lang));
}

/** Applies the month's symbols: one feature-state update per crossing, then MapLibre repaints. */
export function applyCrossingSymbols(map: MapLibreMap, symbols: Map<string, CrossingSymbol>) {
  for (const [id, s] of symbols) map.setFeatureState({ source: CROSSINGS_SOURCE, id }, s);
}
