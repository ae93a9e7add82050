import { describe, expect, it } from 'vitest';
import { parseLandportTradeRow } from '../feeds/trade-rows.js';
import { basisOf } from '../trade/trade-basis.js';
import { TRADE_FILES, readTradeFile, tradeFiguresFromFiles } from './seed-trade.js';

describe('trade data', () => {
  it('reads the basis from the source text and the basis column', () => {
    expect(basisOf('Newsis 2017-04-13 citing KITA (...)')).toBe('KITA');
    expect(basisOf("KOTRA '2024 North Korea foreign trade trends'")).toBe('KOTRA');
    expect(basisOf('KBS World citing International Trade Centre data')).toBe('ITC');
    expect(basisOf('Reuters 2018-06-23')).toBe('GACC');
    expect(basisOf('https://github.com/…', 'Census goods, not seasonally adjusted (country.xlsx as later revised; total not stated in source)')).toBe('US Census');
    expect(basisOf('https://mexicodailypost.com/…', 'Census goods, not seasonally adjusted, as first reported in the news')).toBe('US Census, first release');
    expect(basisOf('https://www.bts.gov/…', 'BTS TransBorder truck')).toBe('BTS TransBorder');
  });

  it('turns a row of the first layout into one CN–KP figure per flow it gives, leaving empty cells as gaps', () => {
    const r = parseLandportTradeRow({ month: '2018-07', china_exports_usd: '177480000', china_imports_usd: '', total_usd: '194620000', source: 'Reuters' });
    expect('records' in r && r.records.map((f) => [f.reporter, f.partner, f.flow, f.valueUsd])).toEqual([['CN', 'KP', 'export', 177480000n], ['CN', 'KP', 'total', 194620000n]]);
  });

  it('reads any pair in the general layout, exports and imports being the reporter\'s', () => {
    const r = parseLandportTradeRow({ month: '2021-03', reporter: 'US', partner: 'MX', exports_usd: '23332918189', imports_usd: '33314987509', total_usd: '', source: 'Census' });
    expect('records' in r && r.records.map((f) => [f.reporter, f.partner, f.flow, f.valueUsd])).toEqual([['US', 'MX', 'export', 23332918189n], ['US', 'MX', 'import', 33314987509n]]);
    const bad = parseLandportTradeRow({ month: '2021-03', reporter: 'usa', partner: 'MX', exports_usd: '1', source: 'x' });
    expect(bad).toEqual({ issues: [{ path: 'reporter', message: expect.stringMatching(/alpha-2/) }] });
  });

  it('finds every row of every data file readable, with a source, and the US–Mexico file as US figures', () => {
    const counts = Object.fromEntries(TRADE_FILES.map((f) => [f.file, readTradeFile(f).length]));
    // Rows as the reference set's README counts them.
    expect(counts).toEqual({ 'cn_dprk_monthly_trade.csv': 169, 'cn_dprk_annual_trade.csv': 13, 'us_mx_monthly_trade.csv': 52 });
    const figures = tradeFiguresFromFiles();
    for (const f of figures) expect(f.source.trim()).not.toBe('');
    const us = figures.filter((f) => f.reporter === 'US');
    expect(new Set(us.map((f) => f.partner))).toEqual(new Set(['MX']));
    // 24 months of the revised Census series, each with exports and imports.
    expect(us.filter((f) => f.basis === 'US Census' && f.flow === 'import').length).toBe(24);
    expect(us.find((f) => f.basis === 'US Census' && f.period === '2020-01' && f.flow === 'import')?.valueUsd).toBe(28202281911n);
  });
});
