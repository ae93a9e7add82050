import { describe, expect, it } from 'vitest';
import { relativeChange } from './change.js';
import { MIN_MEANINGFUL_N, laggedCorrelations, pearson } from './lagged-correlation.js';
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

describe('pearson', () => {
  it('matches a value computed by hand', () => {
    // x = 1,2,3,4,5; y = 2,4,5,4,5: mean x 3, mean y 4; sxy = 6, sxx = 10, syy = 6 → r = 6/√60
    const { r, n } = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(n).toBe(5);
    expect(r).toBeCloseTo(6 / Math.sqrt(60), 10);
  });
  it('leaves out pairs with a gap and gives null for too few or constant values', () => {
    expect(pearson([1, null, 3, 4], [1, 2, null, 4])).toEqual({ r: null, n: 2 });
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNull();
  });
});

describe('laggedCorrelations', () => {
  it('pairs activity in month t with trade in month t + lag', () => {
    const activity = [1, 5, 2, 8, 3, 9, 4];
    const trade = [0, 1, 5, 2, 8, 3, 9, 4]; // the same series one month later
    const result = laggedCorrelations(activity, trade, 3);
    expect(result.map((c) => c.lag)).toEqual([0, 1, 2, 3]);
    expect(result[1].r).toBeCloseTo(1, 10);
    expect(result[1].n).toBe(7);
    expect(result[0].r!).toBeLessThan(0.9);
    expect(result[3].n).toBe(5);
  });
  it('says a correlation is not meaningful below the minimum n', () => {
    const short = laggedCorrelations([1, 2, 3, 4], [2, 3, 5, 4], 0)[0];
    expect(short.meaningful).toBe(false);
    const long = Array.from({ length: MIN_MEANINGFUL_N }, (_, i) => i + (i % 3));
    expect(laggedCorrelations(long, long, 0)[0]).toMatchObject({ r: 1, n: MIN_MEANINGFUL_N, meaningful: true });
  });
});
