import { describe, expect, it } from 'vitest';
import { CHANGE_COLORS, MAX_RADIUS, MIN_RADIUS } from './crossing-symbols.js';
import { legendModel, roundDown } from './legend-model.js';

describe('the map legend', () => {
  it('rounds reference values down to 1, 2 or 5 × a power of ten', () => {
    expect([roundDown(575_521), roundDown(143_880), roundDown(35_970), roundDown(9.9), roundDown(0)]).toEqual([500_000, 100_000, 20_000, 5, 0]);
  });

  it("draws its reference circles with the map's own size rule (area-true against the range's largest value)", () => {
    const m = legendModel({ metricLabel: 'Vehicles crossing', unitLabel: 'vehicles', month: '2021-12', max: 400, baselineLabel: 'previous month', format: String });
    // 400 → 200 (rounded down), 100, 25 → 20. Radius 5 + 21 × √(v / 400): √0.5 = 0.70711, √0.25 = 0.5, √0.05 = 0.22361.
    expect(m.sizes.map((s) => s.value)).toEqual([200, 100, 20]);
    expect(m.sizes.map((s) => Number(s.radius.toFixed(3)))).toEqual([19.849, 15.5, 9.696]);
    expect(m.sizeTitle).toBe('Vehicles crossing, 2021-12 (vehicles)');
    expect(m.noData.radius).toBe(MIN_RADIUS - 1);
    expect(Math.max(...m.sizes.map((s) => s.radius))).toBeLessThanOrEqual(MAX_RADIUS);
  });

  it('lists the five colour classes and grey, in the colours the map uses', () => {
    const m = legendModel({ metricLabel: 'Wait (minutes)', unitLabel: 'minutes', month: null, max: 0, baselineLabel: 'previous month', format: String });
    expect(m.sizes).toEqual([]);
    expect(m.colors.map((c) => c.color)).toEqual([CHANGE_COLORS.upStrong, CHANGE_COLORS.up, CHANGE_COLORS.flat, CHANGE_COLORS.down, CHANGE_COLORS.downStrong]);
    expect(m.noChange.color).toBe(CHANGE_COLORS.none);
  });
});
