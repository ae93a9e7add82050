import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { statusCondition, type StatusScope } from '../observations/status-condition.js';
import { countsVehicles, countsVehiclesOf } from '../observations/counted-measures.js';
import type { Method, Metric, VehicleClass } from '../contracts/vocabulary.js';

export function listCrossings(prisma: PrismaClient) {
  return prisma.crossing.findMany({ orderBy: { id: 'asc' } });
}

export function getCrossing(prisma: PrismaClient, id: string) {
  return prisma.crossing.findUnique({ where: { id } });
}

/** The ids of a border's crossings, for a query's WHERE: those joining its two countries either way round (the rule of `joinsCountries`). */
export const borderCrossingIds = ([a, b]: readonly [string, string]) =>
  Prisma.sql`(SELECT id FROM crossings WHERE (country_a = ${a} AND country_b = ${b}) OR (country_a = ${b} AND country_b = ${a}))`;

/** The crossings of a border, by id: those joining its two countries either way round (the rule of `joinsCountries`). */
export function listBorderCrossings<S extends Prisma.CrossingSelect>(prisma: PrismaClient, [a, b]: readonly [string, string], select: S) {
  return prisma.crossing.findMany({
    where: { OR: [{ countryA: a, countryB: b }, { countryA: b, countryB: a }] },
    select,
    orderBy: { id: 'asc' },
  });
}

export function listCrossingsByIds(prisma: PrismaClient | Prisma.TransactionClient, ids: string[]) {
  return prisma.crossing.findMany({ where: { id: { in: ids } } });
}

/** The enum columns are read as text: their values are the vocabulary's words. */
export type LatestByMetric = {
  crossingId: string;
  metric: Metric;
  value: number;
  observedAt: Date;
  method: Method;
  vehicleClass: VehicleClass;
};

export type ActivityCounts = { crossingId: string; observations: number; synthetic: number; lastObservedAt: Date | null };

const forCrossing = (crossingId?: string) =>
  crossingId ? Prisma.sql`AND crossing_id = ${crossingId}` : Prisma.empty;

/**
 * The newest counted observation of each metric at each crossing (or at one). Several at the
 * same instant (a BTS month gives trucks, buses, cars…) resolve to trucks first, then the
 * others in class order: the same answer every time. The crossing–metric pairs come from the
 * rollups; each pair's newest row is a short backward walk of its (crossing, metric, time) index.
 */
export function listLatestByMetric(prisma: PrismaClient, scope: StatusScope, crossingId?: string): Promise<LatestByMetric[]> {
  return prisma.$queryRaw<LatestByMetric[]>`
    SELECT o.crossing_id AS "crossingId", o.metric::text AS metric, o.value, o.observed_at AS "observedAt",
           o.method::text AS method, o.vehicle_class::text AS "vehicleClass"
      FROM (SELECT DISTINCT crossing_id, metric FROM monthly_rollups WHERE ${statusCondition(scope)} AND ${countsVehicles} ${forCrossing(crossingId)}) k
      CROSS JOIN LATERAL (
        SELECT * FROM observations o
         WHERE o.crossing_id = k.crossing_id AND o.metric = k.metric AND ${statusCondition(scope, 'o')} AND ${countsVehiclesOf('o')}
         ORDER BY o.observed_at DESC, (o.vehicle_class = 'truck') DESC, o.vehicle_class, o.measure NULLS FIRST, o.id DESC
         LIMIT 1) o`;
}

/** Per crossing: how many observations, how many made up, the latest time; summed from the rollups. */
export async function listActivityCounts(prisma: PrismaClient, scope: StatusScope, crossingId?: string): Promise<ActivityCounts[]> {
  const rows = await prisma.$queryRaw<{ crossingId: string; observations: bigint; synthetic: bigint; lastObservedAt: Date | null }[]>`
    SELECT crossing_id AS "crossingId", sum(n)::bigint AS observations,
           coalesce(sum(n) FILTER (WHERE method = 'synthetic'), 0)::bigint AS synthetic,
           max(last_observed_at) AS "lastObservedAt"
      FROM monthly_rollups
     WHERE ${statusCondition(scope)} ${forCrossing(crossingId)}
     GROUP BY crossing_id`;
  return rows.map((r) => ({ ...r, observations: Number(r.observations), synthetic: Number(r.synthetic) }));
}
