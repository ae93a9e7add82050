import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { statusCondition, type StatusScope } from '../observations/status-condition.js';
import { countsVehicles } from '../observations/counted-measures.js';

export function listCrossings(prisma: PrismaClient) {
  return prisma.crossing.findMany({ orderBy: { id: 'asc' } });
}

export function getCrossing(prisma: PrismaClient, id: string) {
  return prisma.crossing.findUnique({ where: { id } });
}

export function listCrossingsByIds(prisma: PrismaClient | Prisma.TransactionClient, ids: string[]) {
  return prisma.crossing.findMany({ where: { id: { in: ids } } });
}

export type LatestByMetric = {
  crossingId: string;
  metric: string;
  value: number;
  observedAt: Date;
  method: string;
  vehicleClass: string;
};

export type ActivityCounts = { crossingId: string; observations: number; synthetic: number; lastObservedAt: Date | null };

const forCrossing = (crossingId?: string) =>
  crossingId ? Prisma.sql`AND crossing_id = ${crossingId}` : Prisma.empty;

/**
 * The newest counted observation of each metric at each crossing (or at one). Several at the
 * same instant (a BTS month gives trucks, buses, cars…) resolve to trucks first, then the
 * others in class order: the same answer every time.
 */
export function listLatestByMetric(prisma: PrismaClient, scope: StatusScope, crossingId?: string): Promise<LatestByMetric[]> {
  return prisma.$queryRaw<LatestByMetric[]>`
    SELECT DISTINCT ON (crossing_id, metric)
           crossing_id AS "crossingId", metric::text AS metric, value, observed_at AS "observedAt",
           method::text AS method, vehicle_class::text AS "vehicleClass"
      FROM observations
     WHERE ${statusCondition(scope)} AND ${countsVehicles} ${forCrossing(crossingId)}
     ORDER BY crossing_id, metric, observed_at DESC, (vehicle_class = 'truck') DESC, vehicle_class, measure NULLS FIRST, id DESC`;
}

export async function listActivityCounts(prisma: PrismaClient, scope: StatusScope, crossingId?: string): Promise<ActivityCounts[]> {
  const rows = await prisma.$queryRaw<{ crossingId: string; observations: bigint; synthetic: bigint; lastObservedAt: Date | null }[]>`
    SELECT crossing_id AS "crossingId", count(*) AS observations,
           count(*) FILTER (WHERE method = 'synthetic') AS synthetic,
           max(observed_at) AS "lastObservedAt"
      FROM observations
     WHERE ${statusCondition(scope)} ${forCrossing(crossingId)}
     GROUP BY crossing_id`;
  return rows.map((r) => ({ ...r, observations: Number(r.observations), synthetic: Number(r.synthetic) }));
}
