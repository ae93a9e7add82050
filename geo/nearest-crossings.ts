import { distanceMeters } from './distance-meters.js';

export type Located = { id: string; lon: number; lat: number };

/**
 * The `limit` crossings nearest to a position, nearest first, with their distance in metres.
 * Crossings without a location are skipped: they cannot be near anything.
 *
 * @example
 * nearestCrossings([124.39, 40.11], crossings, 3) // [{ id: 'cn-kp-dandong…', meters: 700 }, …]
 */
export function nearestCrossings(
  position: [number, number],
  crossings: { id: string; lon: number | null; lat: number | null }[],
  limit = 5,
): { id: string; meters: number }[] {
  return crossings
    .filter((c): c is Located => c.lon !== null && c.lat !== null)
    .map((c) => ({ id: c.id, meters: distanceMeters(position, [c.lon, c.lat]) }))
    .sort((a, b) => a.meters - b.meters)
    .slice(0, limit);
}
