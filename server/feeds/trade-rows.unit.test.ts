import { describe, expect, it } from 'vitest';
import { parseLandportTradeRow } from './trade-rows.js';

describe('parseLandportTradeRow', () => {
  const row = { month: '2023-01', china_exports_usd: '100000', china_imports_usd: '', total_usd: '', source: 'China Customs (GACC), monthly release' };

  it('gives a figure per filled flow, leaving empty cells as gaps', () => {
    const r = parseLandportTradeRow(row);
    expect('records' in r && r.records.map((f) => [f.period, f.flow, f.valueUsd])).toEqual([['2023-01', 'export', 100000n]]);
  });

  it('refuses a source the database cannot store, naming the field', () => {
    // Found by the fuzz test: a NUL in the source reached PostgreSQL, which refused the whole commit.
    expect(parseLandportTradeRow({ ...row, source: 'GACC\u0000' })).toEqual({ issues: [{ path: 'source', message: 'must not contain the NUL character (U+0000)' }] });
    expect(parseLandportTradeRow({ ...row, source: ' ' })).toEqual({ issues: [{ path: 'source', message: 'is required: every figure names its source' }] });
  });
});
