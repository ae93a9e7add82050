import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { monthlyRollupQuery, type MonthlyRollupDto, type RollupCell } from '../contracts/rollups.js';
import { parseOrThrow } from '../http/validate.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';
import { monthsBetween } from '../time/months.js';
import { aggregateStatus } from '../observations/visibility.js';
import { listMonthlyRollup } from './monthly-rollup.repo.js';

export function rollupsRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/monthly', async (req, res) => {
    const q = parseOrThrow(monthlyRollupQuery, req.query, 'query');
    assertMonthRange(q.from, q.to);
    const rows = await listMonthlyRollup(prisma, {
      ...q,
      scope: aggregateStatus(req.user, q.status),
      fromDate: q.from ? monthStart(q.from) : undefined,
      toDate: q.to ? nextMonthStart(q.to) : undefined,
    });
    const seen = rows.map((r) => r.month).sort();
    const from = q.from ?? seen[0];
    const to = q.to ?? seen.at(-1);
    const months = from && to ? monthsBetween(from, to) : [];
    const index = new Map(months.map((m, i) => [m, i]));
    const byCrossing = new Map<string, (RollupCell | null)[]>();
    for (const r of rows) {
      const values = byCrossing.get(r.crossingId) ?? months.map(() => null);
      values[index.get(r.month)!] = { n: r.observations, sum: r.sum, mean: r.mean, max: r.max, synthetic: r.synthetic };
      byCrossing.set(r.crossingId, values);
    }
    const body: MonthlyRollupDto = {
      metric: q.metric,
      months,
      crossings: [...byCrossing].map(([id, values]) => ({ id, values })),
    };
    res.json(body);
  });
  return router;
}
