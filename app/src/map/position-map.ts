import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { LngLatBounds } from 'maplibre-gl';
import { accuracyCircle } from '../../../geo/accuracy-circle.js';
import { createMap } from './create-map.js';
import { offlineBasemapStyle } from './basemap-style.js';
import { DEFAULT_VIEW } from '../view-state.js';

export type Place = { lat: number; lon: number };
export type NamedPlace = Place & { id: string; name: string };

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const pointAt = (p: Place, properties: Record<string, unknown>): GeoJSON.Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });

/**
 * A small map that puts a position in context: the other crossings with their names (which bridge is which), the
 * border, the chosen crossing, the observer with the circle their fix may lie in, and a line between them. Used by
 * the upload app (to confirm a position) and the review page (to judge one). Zoom stops at 12, where the river
 * and the neighbouring crossings still show.
 */
export async function positionMap(container: HTMLElement, crossings: NamedPlace[]) {
  const map: MapLibreMap = createMap(container, await offlineBasemapStyle(), { ...DEFAULT_VIEW, camera: { zoom: 6, lat: 41.3, lng: 127.2 } });
  await new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
  map.addSource('context-crossings', { type: 'geojson', data: { type: 'FeatureCollection', features: crossings.map((c) => pointAt(c, { name: c.name })) } });
  map.addSource('position-accuracy', { type: 'geojson', data: empty() });
  map.addSource('position-link', { type: 'geojson', data: empty() });
  map.addSource('position-points', { type: 'geojson', data: empty() });
  map.addLayer({ id: 'context-crossings', type: 'circle', source: 'context-crossings', paint: { 'circle-radius': 4, 'circle-color': '#777777', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } });
  map.addLayer({
    id: 'context-labels', type: 'symbol', source: 'context-crossings', minzoom: 7,
    layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-max-width': 10, 'text-optional': true },
    paint: { 'text-color': '#444444', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
  map.addLayer({ id: 'position-accuracy', type: 'fill', source: 'position-accuracy', paint: { 'fill-color': '#ff7f00', 'fill-opacity': 0.18, 'fill-outline-color': '#b35900' } });
  map.addLayer({ id: 'position-link', type: 'line', source: 'position-link', paint: { 'line-color': '#333333', 'line-width': 1.5, 'line-dasharray': [2, 2] } });
  map.addLayer({
    id: 'position-points', type: 'circle', source: 'position-points',
    paint: { 'circle-radius': 7, 'circle-color': ['match', ['get', 'kind'], 'crossing', '#1f78b4', '#ff7f00'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
  const set = (id: string, data: GeoJSON.FeatureCollection) => (map.getSource(id) as GeoJSONSource).setData(data);
  return {
    map,
    /** Shows the observer (with the accuracy of the fix) and the crossing, and frames both. */
    show(observer: (Place & { accuracyM: number | null }) | null, crossing: (Place & { name: string }) | null) {
      const points = [...(crossing ? [pointAt(crossing, { kind: 'crossing', name: crossing.name })] : []), ...(observer ? [pointAt(observer, { kind: 'observer' })] : [])];
      set('position-points', { type: 'FeatureCollection', features: points });
      set('position-accuracy', { type: 'FeatureCollection', features: observer?.accuracyM ? [accuracyCircle([observer.lon, observer.lat], observer.accuracyM)] : [] });
      set('position-link', observer && crossing
        ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[observer.lon, observer.lat], [crossing.lon, crossing.lat]] } }] }
        : empty());
      const places = [observer, crossing].filter((p): p is Place & { accuracyM: number | null } => p !== null) as Place[];
      if (places.length === 0) return;
      const bounds = new LngLatBounds();
      for (const p of places) bounds.extend([p.lon, p.lat]);
      map.fitBounds(bounds, { padding: 40, maxZoom: 12, duration: 0 });
    },
  };
}
