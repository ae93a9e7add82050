import { distance } from '@turf/distance';
import { point } from '@turf/helpers';

/**
 * Great-circle distance in metres between two [lon, lat] positions.
 *
 * @example
 * distanceMeters([124.3906, 40.1164], [124.3930, 40.1145]) // ≈ 290
 */
export function distanceMeters(a: [number, number], b: [number, number]): number {
  return distance(point(a), point(b), { units: 'meters' });
}
