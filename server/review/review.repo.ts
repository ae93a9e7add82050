import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DuplicateReason, LikelyDuplicate, ReviewQueueQuery } from '../contracts/review.js';
import type { ReviewStatus } from '../contracts/vocabulary.js';
import { badRequest } from '../http/http-error.js';
import { isUuid } from '../http/uuid.js';
import { countsVehiclesOf } from '../observations/counted-measures.js';

/** Minutes either side within which the same crossing and metric count as a likely duplicate. */
export const DUPLICATE_WINDOW_MINUTES = 120;

/** The filters of the review queue, without its paging. */
function pendingWhere(q: Omit<ReviewQueueQuery, 'limit' | 'cursor'>, now = Date.now()): Prisma.ObservationWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (q.minAgeHours !== undefined) createdAt.lte = new Date(now - q.minAgeHours * 3_600_000);
  if (q.maxAgeHours !== undefined) createdAt.gte = new Date(now - q.maxAgeHours * 3_600_000);
  return {
    status: 'pending',
    ...(q.crossing && { crossingId: q.crossing }),
    ...(q.observer && { submittedByUserId: q.observer }),
    ...(q.method && { method: { in: q.method } }),
    ...((q.minAgeHours !== undefined || q.maxAgeHours !== undefined) && { createdAt }),
  };
}

type QueueCursor = { t: string; id: string };
const encodeQueueCursor = (c: QueueCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeQueueCursor(raw: string): QueueCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as QueueCursor;
    if (typeof c.t === 'string' && isUuid(c.id) && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
}

/**
 * One page of pending observations, oldest seen first; the cursor is the last row's (observedAt, id), so decisions
 * taken between pages never make a page skip or repeat a row. `total` counts every match of the filters.
 */
export async function listPendingPage(prisma: PrismaClient, q: ReviewQueueQuery) {
  const where = pendingWhere(q);
  const after = q.cursor ? decodeQueueCursor(q.cursor) : null;
  const page = await prisma.observation.findMany({
    where: after ? { ...where, OR: [{ observedAt: { gt: new Date(after.t) } }, { observedAt: new Date(after.t), id: { gt: after.id } }] } : where,
    orderBy: [{ observedAt: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
    include: { photos: true, crossing: true },
  });
  const rows = page.slice(0, q.limit);
  const last = rows.at(-1);
  const [total, byCrossing, byObserver] = await Promise.all([
    prisma.observation.count({ where }),
    prisma.observation.groupBy({ by: ['crossingId'], where: { status: 'pending' }, _count: { _all: true } }),
    prisma.observation.groupBy({ by: ['submittedByUserId', 'submittedBy'], where: { status: 'pending' }, _count: { _all: true } }),
  ]);
  return {
    rows,
    total,
    nextCursor: page.length > q.limit && last ? encodeQueueCursor({ t: last.observedAt.toISOString(), id: last.id }) : null,
    // What the filters can offer: every crossing and observer with something pending, whatever is filtered now.
    facets: {
      crossings: byCrossing.map((c) => ({ id: c.crossingId, count: c._count._all })),
      observers: byObserver.filter((o) => o.submittedByUserId).map((o) => ({ id: o.submittedByUserId!, label: o.submittedBy, count: o._count._all })),
    },
  };
}

/**
 * For each id: the observations it likely repeats. The same photo (by content hash, at any time), or the same
 * crossing, metric, vehicle class, direction, counting period and value within ±DUPLICATE_WINDOW_MINUTES. Two readings of one queue a few
 * minutes apart differ in value and are not duplicates; rejected observations never count.
 */
export async function listLikelyDuplicates(prisma: PrismaClient, ids: string[]): Promise<Map<string, LikelyDuplicate[]>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; reason: DuplicateReason; otherId: string; observedAt: Date; value: number; status: ReviewStatus; submittedBy: string }[]>`
    SELECT a.id::text AS id, 'same_photo' AS reason, b.id::text AS "otherId", b.observed_at AS "observedAt", b.value, b.status::text AS status, b.submitted_by AS "submittedBy"
      FROM observations a
      JOIN photos pa ON pa.observation_id = a.id
      JOIN photos pb ON pb.sha256 = pa.sha256 AND pb.observation_id <> a.id
      JOIN observations b ON b.id = pb.observation_id AND b.status <> 'rejected'
     WHERE a.id = ANY(${ids}::uuid[])
    UNION
    SELECT a.id::text, 'same_value', b.id::text, b.observed_at, b.value, b.status::text, b.submitted_by
      FROM observations a
      JOIN observations b
        ON b.crossing_id = a.crossing_id AND b.metric = a.metric AND b.vehicle_class = a.vehicle_class AND b.value = a.value
       AND b.direction_from IS NOT DISTINCT FROM a.direction_from AND b.direction_to IS NOT DISTINCT FROM a.direction_to
       AND b.period_start IS NOT DISTINCT FROM a.period_start AND b.period_end IS NOT DISTINCT FROM a.period_end
       AND b.id <> a.id AND b.status <> 'rejected'
       AND b.observed_at BETWEEN a.observed_at - make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
                             AND a.observed_at + make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
     WHERE a.id = ANY(${ids}::uuid[])`;
  const out = new Map<string, LikelyDuplicate[]>();
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    const seen = list.find((d) => d.id === r.otherId);
    if (seen) seen.reasons.push(r.reason);
    else list.push({ id: r.otherId, reasons: [r.reason], observedAt: new Date(r.observedAt).toISOString(), value: Number(r.value), status: r.status, submittedBy: r.submittedBy });
    out.set(r.id, list);
  }
  for (const list of out.values()) {
    list.sort((x, y) => x.observedAt.localeCompare(y.observedAt) || x.id.localeCompare(y.id));
    for (const d of list) d.reasons.sort();
  }
  return out;
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
