import type { PrismaClient } from '../generated/prisma/client.js';

/** Minutes either side within which the same crossing and metric count as a likely duplicate. */
export const DUPLICATE_WINDOW_MINUTES = 120;

export function listPending(prisma: PrismaClient, q: { crossing?: string; limit: number }) {
  return prisma.observation.findMany({
    where: { status: 'pending', ...(q.crossing && { crossingId: q.crossing }) },
    orderBy: [{ observedAt: 'asc' }, { id: 'asc' }],
    take: q.limit,
    include: { photos: true, crossing: true },
  });
}

/** For each id: other non-rejected observations of the same crossing and metric close in time. */
export async function listLikelyDuplicates(prisma: PrismaClient, ids: string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; duplicates: string[] }[]>`
    SELECT a.id::text AS id, array_agg(b.id::text ORDER BY b.observed_at) AS duplicates
      FROM observations a
      JOIN observations b
        ON b.crossing_id = a.crossing_id AND b.metric = a.metric AND b.id <> a.id AND b.status <> 'rejected'
       AND b.observed_at BETWEEN a.observed_at - make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
                             AND a.observed_at + make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
     WHERE a.id = ANY(${ids}::uuid[])
     GROUP BY a.id`;
  return new Map(rows.map((r) => [r.id, r.duplicates]));
}

export function listAuditEvents(prisma: PrismaClient, observationId: string) {
  return prisma.auditEvent.findMany({ where: { observationId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}
