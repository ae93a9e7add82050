import { describe, expect, it } from 'vitest';
import { accuracyCircle } from './accuracy-circle.js';
import { distanceMeters } from './distance-meters.js';

describe('accuracyCircle', () => {
  it('puts every vertex at the radius from the centre', () => {
    const c: [number, number] = [124.3906, 40.1164];
    const ring = accuracyCircle(c, 25).geometry.coordinates[0];
    expect(ring).toHaveLength(65); // 64 sides, closed
    for (const v of ring) expect(distanceMeters(c, v as [number, number])).toBeCloseTo(25, 0);
  });
  it('draws a zero accuracy as a 1 m dot rather than nothing', () => {
    const ring = accuracyCircle([0, 0], 0).geometry.coordinates[0];
    expect(distanceMeters([0, 0], ring[0] as [number, number])).toBeCloseTo(1, 1);
  });
});
