import { describe, expect, it } from 'vitest';
import { distanceMeters } from './distance-meters.js';
import { nearestCrossings } from './nearest-crossings.js';

describe('distanceMeters', () => {
  it('matches the haversine distance worked by hand', () => {
    // One degree of latitude on turf's sphere (R = 6,371,008.8 m) is R·π/180 = 111,195 m.
    expect(distanceMeters([124, 40], [124, 41])).toBeCloseTo(111_195, -1);
  });
});

describe('nearestCrossings', () => {
  const crossings = [
    { id: 'far', lon: 130.52, lat: 42.57 },
    { id: 'unknown', lon: null, lat: null },
    { id: 'near', lon: 124.3906, lat: 40.1164 },
    { id: 'middle', lon: 126.27, lat: 41.16 },
  ];
  it('orders located crossings by distance and skips unknown locations', () => {
    const result = nearestCrossings([124.39, 40.11], crossings, 2);
    expect(result.map((r) => r.id)).toEqual(['near', 'middle']);
    expect(result[0].meters).toBeLessThan(1000);
  });
  it('works anywhere on earth, not only in one region', () => {
    const us = [{ id: 'laredo', lon: -99.507, lat: 27.5 }, { id: 'el-paso', lon: -106.45, lat: 31.76 }];
    expect(nearestCrossings([-99.5, 27.51], us, 1)[0].id).toBe('laredo');
  });
});
