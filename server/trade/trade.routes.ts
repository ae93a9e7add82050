import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { annualTradeQuery, monthlyTradeQuery } from '../contracts/trade.js';
import { parseOrThrow } from '../http/validate.js';
import { getAnnualTrade, getMonthlyTrade } from './trade.service.js';

export function tradeRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/monthly', async (req, res) => {
    res.json(await getMonthlyTrade(prisma, parseOrThrow(monthlyTradeQuery, req.query, 'query')));
  });
  router.get('/annual', async (req, res) => {
    res.json(await getAnnualTrade(prisma, parseOrThrow(annualTradeQuery, req.query, 'query')));
  });
  return router;
}
