import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { monthlyRollupQuery, type MonthlyRollupDto } from '../contracts/rollups.js';
import { parseOrThrow } from '../http/validate.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';
import { aggregateStatus } from '../observations/visibility.js';
import { listMonthlyRollup } from './monthly-rollup.repo.js';
import { rollupGrid } from './rollup-grid.js';

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
    const { months, cells } = rollupGrid(rows, q.from, q.to);
    const body: MonthlyRollupDto = {
      metric: q.metric,
      months,
      crossings: [...cells].map(([id, values]) => ({ id, values })),
    };
    res.json(body);
  });
  return router;
}
