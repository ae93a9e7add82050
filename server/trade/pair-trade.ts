import type { PrismaClient } from '../generated/prisma/client.js';
import type { TradeFigureDto, TradePeriodDto } from '../contracts/trade.js';
import { pickTradePeriod } from './pick-trade-figures.js';
import { listTradeFigures, type TradeFigure } from './trade.repo.js';

/** Trade between two countries as one side reports it: the preferred figures of each month that has any. */
export type PairTrade = { reporter: string; partner: string; months: Map<string, TradePeriodDto> };

/** Which of a month's preferred figures a trade flow is: the reporter's exports, imports, or their total. */
export type TradeFlowName = 'exports' | 'imports' | 'total';

export const tradeFigureOf = (period: TradePeriodDto | undefined, flow: TradeFlowName): TradeFigureDto | null =>
  period?.[flow] ?? null;

function byPeriod(figures: TradeFigure[]): Map<string, TradePeriodDto> {
  const grouped = new Map<string, TradeFigure[]>();
  for (const f of figures) grouped.set(f.period, [...(grouped.get(f.period) ?? []), f]);
  return new Map([...grouped].map(([p, fs]) => [p, pickTradePeriod(p, fs)]));
}

const monthsWithFigures = (t: Map<string, TradePeriodDto>) => [...t.values()].filter((p) => p.exports || p.imports || p.total).length;

/**
 * Monthly trade between countries `a` and `b`, the one way every reader pairs activity with trade
 * (series, analysis, embeds, the map): as `reporter` reports it when given; otherwise as whichever
 * side reports more months (China reports its DPRK trade, the US its Mexico trade), `a` on a tie.
 * Null when neither side has a figure. Months are the preferred figures of `pickTradePeriod`.
 */
export async function loadPairTrade(
  prisma: PrismaClient,
  a: string,
  b: string,
  q: { reporter?: string | null; from?: string; to?: string } = {},
): Promise<PairTrade | null> {
  const load = async (reporter: string, partner: string): Promise<PairTrade> => ({
    reporter,
    partner,
    months: byPeriod(await listTradeFigures(prisma, { periodKind: 'month', reporter, partner, from: q.from, to: q.to })),
  });
  if (q.reporter) {
    const t = await load(q.reporter, q.reporter === a ? b : a);
    return monthsWithFigures(t.months) ? t : null;
  }
  const [ab, ba] = await Promise.all([load(a, b), load(b, a)]);
  const chosen = monthsWithFigures(ba.months) > monthsWithFigures(ab.months) ? ba : ab;
  return monthsWithFigures(chosen.months) ? chosen : null;
}
