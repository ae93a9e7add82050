import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { analysisQuery } from '../contracts/analysis.js';
import { parseOrThrow } from '../http/validate.js';
import { aggregateStatus } from '../observations/visibility.js';
import { getAnalysis, type AnalysisSettings } from './analysis.service.js';
import { listBorders } from './borders.js';

export function analysisRouter(settings: AnalysisSettings) {
  return (prisma: PrismaClient): Router => {
    const router = Router();
    router.get('/', async (req, res) => {
      const q = parseOrThrow(analysisQuery, req.query, 'query');
      res.json(await getAnalysis(prisma, q, aggregateStatus(req.user, undefined), settings));
    });
    router.get('/borders', async (_req, res) => {
      res.json(await listBorders(prisma));
    });
    return router;
  };
}
