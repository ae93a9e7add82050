import type { TradeFigureDto, TradePeriodDto } from '../contracts/trade.js';
import type { TradeFigure } from './trade.repo.js';

/** Trailing zeros of an integer: 230000000 has 7, 243600000 has 5. Fewer means more precise. */
function roundness(value: bigint): number {
  let n = 0;
  for (let v = value; v > 0n && v % 10n === 0n; v /= 10n) n++;
  return n;
}

/**
 * The preference among several figures for one period and flow, best first:
 * China Customs (GACC) figures before other compilations (KITA, KOTRA, ITC, IBK), since
 * GACC is the reporter's own statistic; then figures the source does not call approximate;
 * then the more precise figure (a rounded "$230 million" loses to "$228.1 million");
 * then the one loaded first (file order), so the choice is stable.
 */
export function compareTradeFigures(a: TradeFigure, b: TradeFigure): number {
  return (
    Number(a.basis !== 'GACC') - Number(b.basis !== 'GACC') ||
    Number(a.approximate) - Number(b.approximate) ||
    roundness(a.valueUsd) - roundness(b.valueUsd) ||
    a.id - b.id
  );
}

const toDto = (f: TradeFigure): TradeFigureDto => ({
  valueUsd: Number(f.valueUsd),
  source: f.source,
  basis: f.basis,
  approximate: f.approximate,
});

/**
 * One period's figures reduced to the preferred export, import and total, with the rest
 * kept as alternatives. A total is derived (and marked so) only from an export and an
 * import figure of the same source, never by mixing sources.
 */
export function pickTradePeriod(period: string, figures: TradeFigure[]): TradePeriodDto {
  const best = (flow: TradeFigure['flow']) => figures.filter((f) => f.flow === flow).sort(compareTradeFigures)[0];
  const exp = best('export');
  const imp = best('import');
  const tot = best('total');
  const chosen = new Set([exp, imp, tot].filter(Boolean));
  let total: TradeFigureDto | null = tot ? toDto(tot) : null;
  if (!total && exp && imp && exp.source === imp.source) {
    total = { ...toDto(exp), valueUsd: Number(exp.valueUsd + imp.valueUsd), derived: true };
  }
  return {
    period,
    exports: exp ? toDto(exp) : null,
    imports: imp ? toDto(imp) : null,
    total,
    alternatives: figures.filter((f) => !chosen.has(f)).map((f) => ({ ...toDto(f), flow: f.flow })),
  };
}
