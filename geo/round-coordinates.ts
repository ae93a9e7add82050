import type { FeatureCollection } from 'geojson';

/**
 * Rounds every coordinate to `decimals` places, to shrink files (4 places ≈ 11 m).
 *
 * @example
 * roundCoordinates(fc, 3)
 */
export function roundCoordinates<T extends FeatureCollection>(fc: T, decimals: number): T {
  const factor = 10 ** decimals;
  const round = (c: unknown): unknown =>
    typeof c === 'number' ? Math.round(c * factor) / factor : Array.isArray(c) ? c.map(round) : c;
  return {
    ...fc,
    features: fc.features.map((f) => ({
      ...f,
      geometry: f.geometry && 'coordinates' in f.geometry
        ? { ...f.geometry, coordinates: round(f.geometry.coordinates) }
        : f.geometry,
    })),
  };
}
