import { describe, expect, it } from 'vitest';
import { CrossingMonths } from './monthly-rollup.repo.js';

/** Days from 1970-01-01 to the first of a month, worked out by hand from the calendar for these tests. */
const DAY = { '2020-11': 18567, '2021-01': 18628, '2021-02': 18659 } as const;
const MONTH: Record<number, string> = Object.fromEntries(Object.entries(DAY).map(([m, d]) => [d, m]));
const rowsOf = (months: CrossingMonths) => months.rows((day) => MONTH[day]);

describe("rollup buckets summed into one crossing's months", () => {
  it('sums the buckets of a crossing-month (a count per direction, method or status each has its own)', () => {
    const months = new CrossingMonths('a');
    months.add(DAY['2021-01'], 2, 30, 20, false);
    months.add(DAY['2021-01'], 1, 15, 15, false);
    expect(rowsOf(months)).toEqual([{ crossingId: 'a', month: '2021-01', observations: 3, sum: 45, mean: 15, max: 20, synthetic: false }]);
  });

  it("keeps a crossing-month's real buckets alone, whichever comes first, and demo buckets only where nothing real is", () => {
    const months = new CrossingMonths('a');
    months.add(DAY['2021-01'], 5, 500, 120, true);
    months.add(DAY['2021-01'], 1, 40, 40, false);
    months.add(DAY['2021-01'], 5, 500, 130, true);
    months.add(DAY['2021-02'], 2, 60, 31, true);
    months.add(DAY['2021-02'], 1, 30, 30, true);
    expect(rowsOf(months)).toEqual([
      { crossingId: 'a', month: '2021-01', observations: 1, sum: 40, mean: 40, max: 40, synthetic: false },
      { crossingId: 'a', month: '2021-02', observations: 3, sum: 90, mean: 30, max: 31, synthetic: true },
    ]);
  });

  it('orders by month, whatever order the database returned', () => {
    const months = new CrossingMonths('b');
    for (const m of ['2021-02', '2020-11', '2021-01'] as const) months.add(DAY[m], 1, 1, 1, false);
    expect(rowsOf(months).map((r) => r.month)).toEqual(['2020-11', '2021-01', '2021-02']);
  });
});
