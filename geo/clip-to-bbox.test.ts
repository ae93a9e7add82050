import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { clipToBbox } from './clip-to-bbox.js';
import { roundCoordinates } from './round-coordinates.js';

const square = (x: number, y: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

const fc: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'inside' }, geometry: square(1, 1, 1) },
    { type: 'Feature', properties: { name: 'across' }, geometry: square(3, 3, 4) },
    { type: 'Feature', properties: { name: 'outside' }, geometry: square(10, 10, 1) },
  ],
};

describe('clipToBbox', () => {
  it('keeps what is inside, cuts what crosses the edge, drops what is outside', () => {
    const out = clipToBbox(fc, [0, 0, 5, 5]);
    expect(out.features.map((f) => f.properties?.name)).toEqual(['inside', 'across']);
    expect(out.features[1].geometry.coordinates[0]).toEqual([[3, 3], [5, 3], [5, 5], [3, 5], [3, 3]]);
  });
});

describe('roundCoordinates', () => {
  it('rounds every coordinate and keeps properties', () => {
    const out = roundCoordinates(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [124.390579, 40.116438] } }] },
      3,
    );
    expect(out.features[0]).toEqual({ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [124.391, 40.116] } });
  });
});
