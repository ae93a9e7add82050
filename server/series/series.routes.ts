import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { seriesQuery } from '../contracts/series.js';
import { parseOrThrow } from '../http/validate.js';
import { aggregateStatus } from '../observations/visibility.js';
import { getSeries } from './series.service.js';

export function seriesRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseOrThrow(seriesQuery, req.query, 'query');
    res.json(await getSeries(prisma, q, aggregateStatus(req.user, q.status)));
  });
  return router;
}
