import { describe, expect, it } from 'vitest';
import { keepRealOverDemo } from './monthly-rollup.repo.js';

const bucket = (c: string, m: string, s: boolean, n: number, sum: number, max: number) => ({ c, m, s, n, sum, max });

describe('rollup buckets summed into crossing-months', () => {
  it('sums the buckets of a crossing-month (a count per direction, method or status each has its own)', () => {
    expect(keepRealOverDemo([bucket('a', '2021-01', false, 2, 30, 20), bucket('a', '2021-01', false, 1, 15, 15)])).toEqual([
      { crossingId: 'a', month: '2021-01', observations: 3, sum: 45, mean: 15, max: 20, synthetic: false },
    ]);
  });

  it("keeps a crossing-month's real buckets alone, whichever comes first, and demo buckets only where nothing real is", () => {
    const rows = keepRealOverDemo([
      bucket('a', '2021-01', true, 5, 500, 120),
      bucket('a', '2021-01', false, 1, 40, 40),
      bucket('a', '2021-01', true, 5, 500, 130),
      bucket('a', '2021-02', true, 2, 60, 31),
      bucket('a', '2021-02', true, 1, 30, 30),
    ]);
    expect(rows).toEqual([
      { crossingId: 'a', month: '2021-01', observations: 1, sum: 40, mean: 40, max: 40, synthetic: false },
      { crossingId: 'a', month: '2021-02', observations: 3, sum: 90, mean: 30, max: 31, synthetic: true },
    ]);
  });

  it('orders by crossing, then month, whatever order the database returned', () => {
    const rows = keepRealOverDemo([
      bucket('b', '2021-03', false, 1, 1, 1),
      bucket('a', '2021-02', false, 1, 1, 1),
      bucket('b', '2020-12', false, 1, 1, 1),
      bucket('a', '2020-11', false, 1, 1, 1),
    ]);
    expect(rows.map((r) => `${r.crossingId} ${r.month}`)).toEqual(['a 2020-11', 'a 2021-02', 'b 2020-12', 'b 2021-03']);
  });
});
