import { describe, expect, it } from 'vitest';
import { readDataCsv } from './read-csv.js';
import { basisOf, tradeFiguresFromCsv } from './seed-trade.js';

describe('trade data', () => {
  it('reads the basis from the source text', () => {
    expect(basisOf('Newsis 2017-04-13 citing KITA (...)')).toBe('KITA');
    expect(basisOf("KOTRA '2024 North Korea foreign trade trends'")).toBe('KOTRA');
    expect(basisOf('KBS World citing International Trade Centre data')).toBe('ITC');
    expect(basisOf('Reuters 2018-06-23')).toBe('GACC');
  });

  it('turns a row into one figure per flow it gives, leaving empty cells as gaps', () => {
    const figures = tradeFiguresFromCsv(
      { month: '2018-07', china_exports_usd: '177480000', china_imports_usd: '', total_usd: '194620000', source: 'Reuters' },
      'month',
    );
    expect(figures.map((f) => [f.flow, f.valueUsd])).toEqual([['export', 177480000n], ['total', 194620000n]]);
  });

  it('finds every figure in data/ a whole number of dollars, with a source', () => {
    const rows = [...readDataCsv('cn_dprk_monthly_trade.csv'), ...readDataCsv('cn_dprk_annual_trade.csv')];
    expect(rows.length).toBe(97 + 13);
    for (const r of rows) {
      expect(r.source.trim()).not.toBe('');
      expect(() => tradeFiguresFromCsv(r, r.month ? 'month' : 'year')).not.toThrow();
    }
  });
});
