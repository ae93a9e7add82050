import type { BBox } from 'geojson';

/** MapLibre's world size: zoom z spans 512·2^z pixels. */
const TILE_SIZE = 512;
const MAX_LAT = 85.051129;

export type Camera = { zoom: number; lat: number; lng: number };

/** Longitude/latitude to world pixels at `zoom` (Web Mercator, y down). */
export function project([lng, lat]: [number, number], zoom: number): [number, number] {
  const size = TILE_SIZE * 2 ** zoom;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return [((lng + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

export function unproject([x, y]: [number, number], zoom: number): [number, number] {
  const size = TILE_SIZE * 2 ** zoom;
  const lng = (x / size) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / size;
  return [lng, (180 / Math.PI) * Math.atan(Math.sinh(n))];
}

/** What a `width`×`height` pixel viewport shows around a camera, as [west, south, east, north]. */
export function viewportBbox(camera: Camera, width: number, height: number): BBox {
  const [cx, cy] = project([camera.lng, camera.lat], camera.zoom);
  const [west, north] = unproject([cx - width / 2, cy - height / 2], camera.zoom);
  const [east, south] = unproject([cx + width / 2, cy + height / 2], camera.zoom);
  return [west, south, east, north];
}

/** The camera that fits `bbox` into a viewport with `padding` pixels on every side (zoom capped at `maxZoom`). */
export function cameraForBbox(bbox: BBox, width: number, height: number, padding = 40, maxZoom = 12): Camera {
  const [w, s, e, n] = bbox;
  const [x0, y0] = project([w, n], 0);
  const [x1, y1] = project([e, s], 0);
  const fit = Math.min((width - 2 * padding) / Math.max(x1 - x0, 1e-9), (height - 2 * padding) / Math.max(y1 - y0, 1e-9));
  const zoom = Math.max(0, Math.min(maxZoom, Math.log2(fit)));
  const [lng, lat] = unproject([(x0 + x1) / 2, (y0 + y1) / 2], 0);
  return { zoom, lat, lng };
}

/** `bbox` grown by `factor` of its own width and height on every side, kept on the globe. */
export function expandBbox([w, s, e, n]: BBox, factor: number): BBox {
  const dx = (e - w) * factor;
  const dy = (n - s) * factor;
  return [Math.max(-180, w - dx), Math.max(-MAX_LAT, s - dy), Math.min(180, e + dx), Math.min(MAX_LAT, n + dy)];
}
