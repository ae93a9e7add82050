import { describe, expect, it } from 'vitest';
import type { MonthlyRollupDto } from '../../../server/contracts/rollups.js';
import { CHANGE_COLORS, MAX_RADIUS, MIN_RADIUS, changeColor, crossingMonth, maxValue, radiusFor, valueSeries } from './crossing-symbols.js';

const cell = (mean: number, n = 1) => ({ n, sum: mean * n, mean, max: mean, synthetic: false });
const rollup: MonthlyRollupDto = {
  metric: 'queue_vehicles',
  months: ['2025-01', '2025-02', '2025-03'],
  crossings: [
    { id: 'a', values: [cell(100), cell(150, 2), null] },
    { id: 'b', values: [null, cell(400), cell(300)] },
  ],
  future: null,
};

describe('crossing symbols', () => {
  it('sizes by the square root of the value against the range maximum', () => {
    const series = valueSeries(rollup);
    const max = maxValue(series);
    expect(max).toBe(400);
    expect(radiusFor(400, max)).toBe(MAX_RADIUS);
    expect(radiusFor(100, max)).toBe(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * 0.5);
    expect(radiusFor(null, max)).toBeLessThan(MIN_RADIUS);
  });

  it('gives each crossing its month value, change and count', () => {
    const month = crossingMonth(rollup, valueSeries(rollup), 1, 'previous');
    expect(month.get('a')).toEqual({ value: 150, change: 0.5, n: 2, synthetic: false });
    expect(month.get('b')).toEqual({ value: 400, change: null, n: 1, synthetic: false });
    expect(crossingMonth(rollup, valueSeries(rollup), 2, 'previous').get('b')!.change).toBeCloseTo(-0.25);
  });

  it('colours rises warm, falls cool and unknown change grey', () => {
    expect(changeColor(0.5)).toBe(CHANGE_COLORS.upStrong);
    expect(changeColor(0.05)).toBe(CHANGE_COLORS.up);
    expect(changeColor(0)).toBe(CHANGE_COLORS.flat);
    expect(changeColor(-0.05)).toBe(CHANGE_COLORS.down);
    expect(changeColor(-0.25)).toBe(CHANGE_COLORS.downStrong);
    expect(changeColor(null)).toBe(CHANGE_COLORS.none);
  });
});
