import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ViewState } from '../view-state.js';
import { SnapshotControl } from './snapshot-control.js';
import { MAPLIBRE_WORKER_URL } from './worker-url.js';

// MapLibre's worker is its own entry in our build (vite.config.ts): point MapLibre at it.
setWorkerUrl(MAPLIBRE_WORKER_URL);

/** The China–DPRK border, shown until the data says where to look. */
export const DEFAULT_CAMERA = { zoom: 5.2, lat: 41.3, lng: 127.2 };

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
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl(), 'bottom-left');
  // The analyst map exports pictures; the review map does not.
  if (onExport) map.addControl(new SnapshotControl(onExport), 'top-right');
  return map;
}
