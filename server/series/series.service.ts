import type { PrismaClient } from '../generated/prisma/client.js';
import type { SeriesDto, SeriesQuery } from '../contracts/series.js';
import { getCrossing } from '../crossings/crossings.repo.js';
import { badRequest } from '../http/http-error.js';
import { monthsBetween } from '../time/months.js';
import { loadPairTrade } from '../trade/pair-trade.js';
import { listMonthlyRollup } from '../rollups/monthly-rollup.repo.js';
import type { StatusScope } from '../observations/status-condition.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';

/**
 * Activity per month at one crossing joined with that month's trade between its countries.
 * Every month of the range is present; a month without observations or without a trade
 * figure carries null there, never 0.
 */
export async function getSeries(prisma: PrismaClient, q: SeriesQuery, scope: StatusScope): Promise<SeriesDto> {
  assertMonthRange(q.from, q.to);
  const crossing = await getCrossing(prisma, q.crossing);
  if (!crossing) throw badRequest([{ path: 'query.crossing', message: `no crossing has the id "${q.crossing}"` }]);

  const [activity, trade] = await Promise.all([
    listMonthlyRollup(prisma, {
      ...q,
      scope,
      fromDate: q.from ? monthStart(q.from) : undefined,
      toDate: q.to ? nextMonthStart(q.to) : undefined,
    }),
    loadPairTrade(prisma, crossing.countryA, crossing.countryB, { from: q.from, to: q.to }),
  ]);
  const tradeBy = trade?.months ?? new Map();
  const activityBy = new Map(activity.map((a) => [a.month, a]));

  const known = [...activityBy.keys(), ...tradeBy.keys()].sort();
  const from = q.from ?? known[0];
  const to = q.to ?? known.at(-1);
  const months = from && to ? monthsBetween(from, to) : [];

  return {
    crossing: { id: crossing.id, name: crossing.nameEn, countries: [crossing.countryA, crossing.countryB] },
    metric: q.metric,
    from: from ?? null,
    to: to ?? null,
    trade: trade ? { reporter: trade.reporter, partner: trade.partner } : null,
    months: months.map((month) => {
      const a = activityBy.get(month);
      const picked = tradeBy.get(month);
      return {
        month,
        activity: a
          ? { observations: a.observations, sum: a.sum, mean: a.mean, max: a.max, synthetic: a.synthetic }
          : null,
        trade: picked ? { exports: picked.exports, imports: picked.imports, total: picked.total } : null,
      };
    }),
  };
}
