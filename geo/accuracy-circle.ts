import { circle } from '@turf/circle';
import type { Feature, Polygon } from 'geojson';

/**
 * The area a position fix may lie in: a circle of `radiusM` metres around [lon, lat], as a 64-sided polygon
 * (what a phone's `coords.accuracy` means: the true position is within it with about 68 % probability).
 */
export function accuracyCircle(center: [number, number], radiusM: number): Feature<Polygon> {
  return circle(center, Math.max(1, radiusM), { steps: 64, units: 'meters' });
}
