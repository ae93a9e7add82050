import type { PrismaClient } from '../generated/prisma/client.js';
import { countsVehiclesOf } from '../observations/counted-measures.js';

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

/** Minutes either side within which another queue reading describes the same queue. */
export const QUEUE_CHECK_WINDOW_MINUTES = 60;

export type QueueNeighbours = { queueVehicles?: { id: string; value: number }; queueLengthM?: { id: string; value: number }; waitMinutes?: { id: string; value: number }; throughputPerHour?: { id: string; value: number } };

/**
 * For each queue observation (count, length or wait) among `ids`: the nearest other non-rejected reading of
 * each other queue metric at the same crossing, vehicle class and direction within ±60 minutes, and the
 * crossing's throughput then (vehicles counted over the shortest period that covers the moment, per hour).
 */
export async function listQueueNeighbours(prisma: PrismaClient, ids: string[]): Promise<Map<string, QueueNeighbours>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; kind: string; otherId: string; value: number }[]>`
    WITH a AS (
      SELECT * FROM observations WHERE id = ANY(${ids}::uuid[]) AND metric IN ('queue_vehicles', 'queue_length_m', 'wait_minutes')
    )
    SELECT a.id::text AS id, m.metric AS kind, b.id::text AS "otherId", b.value
      FROM a
     CROSS JOIN (VALUES ('queue_vehicles'), ('queue_length_m'), ('wait_minutes')) AS m(metric)
      JOIN LATERAL (
        SELECT b.id, b.value FROM observations b
         WHERE b.crossing_id = a.crossing_id AND b.metric = m.metric::"Metric" AND b.id <> a.id AND b.status <> 'rejected'
           AND b.vehicle_class = a.vehicle_class
           AND (a.direction_from IS NULL OR b.direction_from IS NULL OR (b.direction_from = a.direction_from AND b.direction_to = a.direction_to))
           AND b.observed_at BETWEEN a.observed_at - make_interval(mins => ${QUEUE_CHECK_WINDOW_MINUTES})
                                 AND a.observed_at + make_interval(mins => ${QUEUE_CHECK_WINDOW_MINUTES})
         ORDER BY abs(extract(epoch FROM b.observed_at - a.observed_at)), b.id
         LIMIT 1) b ON true
     WHERE a.metric::text <> m.metric
    UNION ALL
    SELECT a.id::text, 'throughput', b.id::text, b.value / (extract(epoch FROM b.period_end - b.period_start) / 3600)
      FROM a
      JOIN LATERAL (
        SELECT b.id, b.value, b.period_start, b.period_end FROM observations b
         WHERE b.crossing_id = a.crossing_id AND b.metric = 'crossed_vehicles' AND b.status <> 'rejected'
           AND b.vehicle_class = a.vehicle_class AND ${countsVehiclesOf('b')}
           AND (a.direction_from IS NULL OR b.direction_from IS NULL OR (b.direction_from = a.direction_from AND b.direction_to = a.direction_to))
           AND b.period_start <= a.observed_at AND b.period_end > a.observed_at
         ORDER BY b.period_end - b.period_start, b.id
         LIMIT 1) b ON true`;
  const key = { queue_vehicles: 'queueVehicles', queue_length_m: 'queueLengthM', wait_minutes: 'waitMinutes', throughput: 'throughputPerHour' } as const;
  const out = new Map<string, QueueNeighbours>();
  for (const r of rows) {
    const n = out.get(r.id) ?? {};
    n[key[r.kind as keyof typeof key]] = { id: r.otherId, value: Number(r.value) };
    out.set(r.id, n);
  }
  return out;
}
