import { Map as MapLibreMap, NavigationControl, ScaleControl, prewarm, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ViewState } from '../view-state.js';
import { SnapshotControl } from './snapshot-control.js';
import { MAPLIBRE_WORKER_URL } from './worker-url.js';

// MapLibre's worker is its own entry in our build (vite.config.ts): point MapLibre at it, and start it now. Left to
// the first map, the worker was fetched only after the main thread's long first tasks (about 0.6 s later), then
// spent as long again loading MapLibre's code before it could cut the first tile (docs/performance.md).
setWorkerUrl(MAPLIBRE_WORKER_URL);
prewarm();

/** The China–DPRK border, shown until the data says where to look. */
export const DEFAULT_CAMERA = { zoom: 5.2, lat: 41.3, lng: 127.2 };

const styleReady = new WeakSet<MapLibreMap>();

/**
 * Runs `fn` once the map's style has loaded, now if it already has. Not `isStyleLoaded()`: that turns false
 * again while any source is still loading (the basemap's shapes), and 'style.load' fires only once.
 */
export function whenStyleReady(map: MapLibreMap, fn: () => void) {
  if (styleReady.has(map)) fn();
  else map.once('style.load', fn);
}

export function createMap(container: HTMLElement, style: StyleSpecification | string, view: ViewState, onExport?: (button: HTMLButtonElement) => void): MapLibreMap {
  const camera = view.camera ?? DEFAULT_CAMERA;
  const map = new MapLibreMap({
    container,
    style,
    center: [camera.lng, camera.lat],
    zoom: camera.zoom,
    // Keeps the last frame readable for the PNG snapshot.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    attributionControl: { compact: true },
  });
  map.once('style.load', () => styleReady.add(map));
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl(), 'bottom-left');
  // The analyst map exports pictures; the review map does not.
  if (onExport) map.addControl(new SnapshotControl(onExport), 'top-right');
  return map;
}
