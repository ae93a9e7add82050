import { describe, expect, it } from 'vitest';
import { cameraForBbox, expandBbox, project, unproject, viewportBbox } from './web-mercator.js';

describe('web mercator', () => {
  it('puts the origin at the world centre and round-trips coordinates', () => {
    expect(project([0, 0], 0)).toEqual([256, 256]);
    const [lng, lat] = unproject(project([124.39, 40.12], 9), 9);
    expect(lng).toBeCloseTo(124.39, 9);
    expect(lat).toBeCloseTo(40.12, 9);
  });

  it('gives the bbox a viewport shows: one 512-px world at zoom 0 spans every longitude', () => {
    const [w, s, e, n] = viewportBbox({ zoom: 0, lat: 0, lng: 0 }, 512, 512);
    expect(w).toBeCloseTo(-180, 6);
    expect(e).toBeCloseTo(180, 6);
    expect(n).toBeCloseTo(85.0511, 3);
    expect(s).toBeCloseTo(-85.0511, 3);
  });

  it('fits a bbox: the viewport of the fitted camera contains it, touching on the limiting side', () => {
    const bbox: [number, number, number, number] = [124.0, 39.9, 124.8, 40.3];
    const cam = cameraForBbox(bbox, 800, 500, 0);
    const [w, s, e, n] = viewportBbox(cam, 800, 500);
    expect(w).toBeLessThanOrEqual(124.0 + 1e-9);
    expect(e).toBeGreaterThanOrEqual(124.8 - 1e-9);
    expect(s).toBeLessThanOrEqual(39.9 + 1e-9);
    expect(n).toBeGreaterThanOrEqual(40.3 - 1e-9);
    expect(Math.min(Math.abs(w - 124.0), Math.abs(s - 39.9))).toBeLessThan(1e-6);
  });

  it('expands a bbox and keeps it on the globe', () => {
    expect(expandBbox([0, 0, 10, 10], 0.5)).toEqual([-5, -5, 15, 15]);
    expect(expandBbox([170, 80, 180, 85], 1)).toEqual([160, 75, 180, 85.051129]);
  });
});
