import { describe, expect, it } from 'vitest';
import type { TradeFigure } from './trade.repo.js';
import { pickTradePeriod } from './pick-trade-figures.js';

let nextId = 1;
function fig(flow: TradeFigure['flow'], value: number, source: string, extra: Partial<TradeFigure> = {}): TradeFigure {
  return {
    id: nextId++, periodKind: 'month', period: '2025-01', reporter: 'CN', partner: 'KP', flow,
    valueUsd: BigInt(value), source, basis: 'GACC', approximate: false, retrievedAt: null,
    revision: 1, supersededAt: null, createdAt: new Date(0), ...extra,
  };
}

describe('pickTradePeriod', () => {
  it('prefers GACC over other compilations, then exact over approximate, then the more precise figure', () => {
    const kita = fig('export', 240_123_456, 'KITA', { basis: 'KITA' });
    const approx = fig('export', 241_100_000, 'approx', { approximate: true });
    const rounded = fig('export', 230_000_000, 'rounded');
    const precise = fig('export', 228_100_000, 'precise');
    const p = pickTradePeriod('2025-01', [kita, approx, rounded, precise]);
    expect(p.exports).toEqual({ valueUsd: 228_100_000, source: 'precise', basis: 'GACC', approximate: false });
    expect(p.alternatives.map((a) => a.source)).toEqual(['KITA', 'approx', 'rounded']);
  });

  it('keeps the first loaded when figures are otherwise equal', () => {
    const a = fig('total', 100_000_000, 'first');
    const b = fig('total', 200_000_000, 'second');
    expect(pickTradePeriod('2025-01', [b, a]).total?.source).toBe('first');
  });

  it('derives a total only from one source\'s exports and imports, and says so', () => {
    const same = pickTradePeriod('2025-01', [fig('export', 10, 'S'), fig('import', 5, 'S')]);
    expect(same.total).toEqual({ valueUsd: 15, source: 'S', basis: 'GACC', approximate: false, derived: true });
    const mixed = pickTradePeriod('2025-01', [fig('export', 10, 'S'), fig('import', 5, 'T')]);
    expect(mixed.total).toBeNull();
  });

  it('leaves every flow null when there are no figures: a gap, not a zero', () => {
    expect(pickTradePeriod('2025-01', [])).toEqual({
      period: '2025-01', exports: null, imports: null, total: null, alternatives: [],
    });
  });
  it('prefers the revised US Census figure to its first release, and never chooses TransBorder freight', () => {
    const first = fig('import', 29_058_000_000, 'press', { basis: 'US Census, first release', reporter: 'US', partner: 'MX' });
    const revised = fig('import', 28_903_203_952, 'census', { basis: 'US Census', reporter: 'US', partner: 'MX' });
    const exports = fig('export', 19_310_694_516, 'census', { basis: 'US Census', reporter: 'US', partner: 'MX' });
    const freight = fig('total', 34_700_000_000, 'bts', { basis: 'BTS TransBorder', reporter: 'US', partner: 'MX' });
    const p = pickTradePeriod('2020-02', [first, freight, revised, exports]);
    expect(p.imports?.source).toBe('census');
    // The Census total is its own exports + imports; TransBorder stays an alternative, never summed with Census.
    expect(p.total).toMatchObject({ valueUsd: 19_310_694_516 + 28_903_203_952, source: 'census', derived: true });
    expect(p.alternatives.map((a) => a.source).sort()).toEqual(['bts', 'press']);
  });

  it('prefers a GACC total derived from one source to another compiler\'s printed total', () => {
    const kita = fig('total', 400_000_000, 'KITA', { basis: 'KITA' });
    const p = pickTradePeriod('2016-07', [kita, fig('export', 193_000_000, 'GACC'), fig('import', 227_000_000, 'GACC')]);
    expect(p.total).toMatchObject({ valueUsd: 420_000_000, derived: true, basis: 'GACC' });
  });
});
