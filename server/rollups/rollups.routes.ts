import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { monthlyRollupQuery, type MonthlyRollupDto } from '../contracts/rollups.js';
import { parseOrThrow } from '../http/validate.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';
import { aggregateStatus } from '../observations/visibility.js';
import { listMonthlyRollup } from './monthly-rollup.repo.js';
import { rollupGrid } from './rollup-grid.js';
import { monthOf } from '../time/months.js';

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
    // Observations dated after this month (a typo, a clock) are flagged, not drawn: they would stretch the
    // month axis and open the map on an empty month. Asked for by `to`, they are shown.
    const thisMonth = monthOf(new Date());
    const ahead = q.to ? [] : rows.filter((r) => r.month > thisMonth);
    const { months, cells } = rollupGrid(ahead.length ? rows.filter((r) => r.month <= thisMonth) : rows, q.from, q.to);
    const body: MonthlyRollupDto = {
      metric: q.metric,
      months,
      crossings: [...cells].map(([id, values]) => ({ id, values })),
      future: ahead.length
        ? { observations: ahead.reduce((n, r) => n + r.observations, 0), months: [...new Set(ahead.map((r) => r.month))].sort() }
        : null,
    };
    res.json(body);
  });
  return router;
}
