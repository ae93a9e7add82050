import { describe, expect, it } from 'vitest';
import { radiusFor } from '../analysis/crossing-symbols.js';
import { referenceValues, sizeScaleMax } from './size-scale.js';
import { changeSteps, NO_CHANGE_COLOR } from './change-steps.js';

describe('sizeScaleMax', () => {
  it('recovers the value of the largest circle from a radius the server rounded', () => {
    const max = 1234;
    const crossings = [400, 900, 50].map((value) => ({ value, radius: Math.round(radiusFor(value, max) * 10) / 10 }));
    expect(sizeScaleMax([...crossings, { value: null, radius: 4 }])).toBeCloseTo(max, -1);
  });
  it('is null when nothing on the map has a value', () => {
    expect(sizeScaleMax([{ value: null, radius: 4 }])).toBeNull();
  });
});

describe('referenceValues', () => {
  it('gives round values a square-root scale draws clearly apart', () => {
    expect(referenceValues(310)).toEqual([200, 50, 10]);
    expect(referenceValues(213_166)).toEqual([200_000, 50_000, 10_000]);
  });
});

describe('changeSteps', () => {
  it('reads the map colour rule: five steps split at −10, −2, +2 and +10 %', () => {
    const steps = changeSteps();
    expect(steps.map((s) => s.upTo)).toEqual([-0.099, -0.019, 0.02, 0.1, null]);
    expect(steps.map((s) => s.upTo === null ? null : Math.round(s.upTo * 100))).toEqual([-10, -2, 2, 10, null]);
    expect(new Set(steps.map((s) => s.color)).size).toBe(5);
    expect(steps.map((s) => s.color)).not.toContain(NO_CHANGE_COLOR);
  });
});
