import type { PrismaClient } from '../generated/prisma/client.js';
import type { AnnualTradeDto, MonthlyTradeDto, TradePeriodDto } from '../contracts/trade.js';
import { assertMonthRange } from '../time/month-bounds.js';
import { monthsBetween } from '../time/months.js';
import { pickTradePeriod } from './pick-trade-figures.js';
import { listTradeFigures, type TradeFigure } from './trade.repo.js';

export const TRADE_PREFERENCE =
  'Per period and flow: China Customs (GACC) figures first, then figures not called approximate, ' +
  'then the more precise figure, then the first loaded. Other figures are listed as alternatives.';

function groupByPeriod(figures: TradeFigure[]): Map<string, TradeFigure[]> {
  const by = new Map<string, TradeFigure[]>();
  for (const f of figures) by.set(f.period, [...(by.get(f.period) ?? []), f]);
  return by;
}

/** Every month in the range, figures or not: a month without figures is a gap, listed in `missingMonths`. */
export async function getMonthlyTrade(
  prisma: PrismaClient,
  q: { reporter: string; partner: string; from?: string; to?: string },
): Promise<MonthlyTradeDto> {
  assertMonthRange(q.from, q.to);
  const figures = await listTradeFigures(prisma, { periodKind: 'month', ...q });
  const by = groupByPeriod(figures);
  const from = q.from ?? figures[0]?.period;
  const to = q.to ?? figures.at(-1)?.period;
  const months: TradePeriodDto[] =
    from && to ? monthsBetween(from, to).map((m) => pickTradePeriod(m, by.get(m) ?? [])) : [];
  return {
    reporter: q.reporter,
    partner: q.partner,
    from: from ?? null,
    to: to ?? null,
    preference: TRADE_PREFERENCE,
    months,
    missingMonths: months.filter((m) => !m.exports && !m.imports && !m.total).map((m) => m.period),
  };
}

/**
 * Annual totals as the sources report them, beside how many of that year's months have a
 * total: a sum of months with gaps is not an annual figure, so none is computed here.
 */
export async function getAnnualTrade(
  prisma: PrismaClient,
  q: { reporter: string; partner: string; from?: string; to?: string },
): Promise<AnnualTradeDto> {
  assertMonthRange(q.from, q.to);
  const [years, monthly] = await Promise.all([
    listTradeFigures(prisma, { periodKind: 'year', ...q }),
    listTradeFigures(prisma, {
      periodKind: 'month',
      reporter: q.reporter,
      partner: q.partner,
      from: q.from && `${q.from}-01`,
      to: q.to && `${q.to}-12`,
    }),
  ]);
  const months = groupByPeriod(monthly);
  const monthsWithTotal = (year: string) =>
    monthsBetween(`${year}-01`, `${year}-12`).filter((m) => pickTradePeriod(m, months.get(m) ?? []).total).length;
  return {
    reporter: q.reporter,
    partner: q.partner,
    preference: TRADE_PREFERENCE,
    years: [...groupByPeriod(years)].map(([year, figures]) => ({
      ...pickTradePeriod(year, figures),
      monthCoverage: { monthsWithTotal: monthsWithTotal(year), of: 12 },
    })),
  };
}
