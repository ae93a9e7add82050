import { describe, expect, it } from 'vitest';
import { relativeChange } from './change.js';
import { monthlyValue } from '../../../server/analysis/monthly-value.js';
import { yearOverYear } from './year-over-year.js';

describe('monthlyValue', () => {
  const cell = { n: 4, sum: 400, mean: 100, max: 180, synthetic: false };
  it('sums counts and averages states', () => {
    expect(monthlyValue('crossed_vehicles', cell)).toBe(400);
    expect(monthlyValue('queue_vehicles', cell)).toBe(100);
    expect(monthlyValue('wait_minutes', null)).toBeNull();
  });
});

describe('relativeChange', () => {
  it('compares with the previous month', () => {
    expect(relativeChange([100, 120], 1, 'previous')).toBeCloseTo(0.2);
    expect(relativeChange([null, 120], 1, 'previous')).toBeNull();
    expect(relativeChange([0, 120], 1, 'previous')).toBeNull();
    expect(relativeChange([100, null], 1, 'previous')).toBeNull();
  });
  it('compares with the mean of the twelve months before, skipping gaps', () => {
    // months 0..11: 10, gap, 30, then nothing; mean of (10, 30) = 20; month 12 = 25 → +25 %
    const values = [10, null, 30, ...Array(9).fill(null), 25];
    expect(relativeChange(values, 12, 'trailing12')).toBeCloseTo(0.25);
    // a 13th month back is outside the window
    expect(relativeChange([1000, ...values], 13, 'trailing12')).toBeCloseTo(0.25);
    expect(relativeChange([5], 0, 'trailing12')).toBeNull();
  });
});

describe('yearOverYear', () => {
  it('compares with the same month a year earlier', () => {
    const values: (number | null)[] = Array(13).fill(null);
    values[0] = 200;
    values[12] = 150;
    expect(yearOverYear(values, 12)).toBeCloseTo(-0.25);
    expect(yearOverYear(values, 11)).toBeNull();
    values[0] = 0;
    expect(yearOverYear(values, 12)).toBeNull();
  });
});
