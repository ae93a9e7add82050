import type { PrismaClient, TradeFigure } from '../generated/prisma/client.js';

export type { TradeFigure };

export function listTradeFigures(
  prisma: PrismaClient,
  q: { periodKind: 'month' | 'year'; reporter: string; partner: string; from?: string; to?: string },
): Promise<TradeFigure[]> {
  return prisma.tradeFigure.findMany({
    where: {
      // Current figures only: a revised one is kept in the table, superseded.
      supersededAt: null,
      periodKind: q.periodKind,
      reporter: q.reporter,
      partner: q.partner,
      period: { ...(q.from && { gte: q.from }), ...(q.to && { lte: q.to }) },
    },
    orderBy: [{ period: 'asc' }, { id: 'asc' }],
  });
}
