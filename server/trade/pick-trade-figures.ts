import type { TradeFigureDto, TradePeriodDto } from '../contracts/trade.js';
import { basisRank } from './trade-basis.js';
import type { TradeFigure } from './trade.repo.js';

/** Trailing zeros of an integer: 230000000 has 7, 243600000 has 5. Fewer means more precise. */
function roundness(value: bigint): number {
  let n = 0;
  for (let v = value; v > 0n && v % 10n === 0n; v /= 10n) n++;
  return n;
}

/** A figure the rule may choose, or a total made of one source's exports and imports. */
type Candidate = TradeFigure & { derived?: boolean };

/**
 * The preference among several figures for one period and flow, best first (docs/data.md):
 * the reporter's own customs statistic as published (GACC; the US Census series as revised) before
 * its first release, and both before other organizations' compilations (KITA, KOTRA, ITC, IBK);
 * then a total the source printed before one summed from its exports and imports; then figures the
 * source does not call approximate; then the more precise figure (a rounded "$230 million" loses to
 * "$228.1 million"); then the one loaded first (file order), so the choice is stable.
 */
export function compareTradeFigures(a: Candidate, b: Candidate): number {
  return (
    (basisRank(a.basis) ?? 9) - (basisRank(b.basis) ?? 9) ||
    Number(a.derived ?? false) - Number(b.derived ?? false) ||
    Number(a.approximate) - Number(b.approximate) ||
    roundness(a.valueUsd) - roundness(b.valueUsd) ||
    a.id - b.id
  );
}

const toDto = (f: Candidate): TradeFigureDto => ({
  valueUsd: Number(f.valueUsd),
  source: f.source,
  basis: f.basis,
  approximate: f.approximate,
  ...(f.derived && { derived: true }),
});

/** Totals summed from one source's exports and imports of the period (never across sources). */
function derivedTotals(figures: TradeFigure[]): Candidate[] {
  const out: Candidate[] = [];
  for (const exp of figures.filter((f) => f.flow === 'export')) {
    const imp = figures.find((f) => f.flow === 'import' && f.source === exp.source);
    if (imp) out.push({ ...exp, flow: 'total', valueUsd: exp.valueUsd + imp.valueUsd, approximate: exp.approximate || imp.approximate, derived: true });
  }
  return out;
}

/**
 * One period's figures reduced to the preferred export, import and total, with the rest kept as
 * alternatives. A figure whose basis is only a part of trade (freight by one mode) is never chosen.
 * A total may be derived (and marked so) from one source's export and import, never by mixing sources.
 * This is the one rule every reader of trade uses: API, analysis, map, embed and CSV.
 */
export function pickTradePeriod(period: string, figures: TradeFigure[]): TradePeriodDto {
  const best = (candidates: Candidate[]) => candidates.filter((f) => basisRank(f.basis) !== null).sort(compareTradeFigures)[0];
  const of = (flow: TradeFigure['flow']) => figures.filter((f) => f.flow === flow);
  const exp = best(of('export'));
  const imp = best(of('import'));
  const tot = best([...of('total'), ...derivedTotals(figures)]);
  const chosen = new Set<TradeFigure>([exp, imp, tot].filter((f): f is Candidate => f !== undefined && !f.derived));
  return {
    period,
    exports: exp ? toDto(exp) : null,
    imports: imp ? toDto(imp) : null,
    total: tot ? toDto(tot) : null,
    alternatives: figures.filter((f) => !chosen.has(f)).map((f) => ({ ...toDto(f), flow: f.flow })),
  };
}
