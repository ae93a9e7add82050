import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { seriesQuery } from '../contracts/series.js';
import { parseOrThrow } from '../http/validate.js';
import { getSeries } from './series.service.js';

export function seriesRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await getSeries(prisma, parseOrThrow(seriesQuery, req.query, 'query')));
  });
  return router;
}
