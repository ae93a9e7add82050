import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type ObservationRow = Prisma.ObservationGetPayload<object>;
export type NewObservation = Prisma.ObservationCreateManyInput;

export function getObservation(prisma: PrismaClient, id: string, visible: Prisma.ObservationWhereInput = {}) {
  return prisma.observation.findFirst({ where: { AND: [{ id }, visible] } });
}

export function listObservationHashes(prisma: PrismaClient | Prisma.TransactionClient, ids: string[]) {
  return prisma.observation.findMany({ where: { id: { in: ids } }, select: { id: true, contentHash: true } });
}

/**
 * Inserts rows whose id is not taken yet (ON CONFLICT DO NOTHING) and records a `create` audit
 * event for each, in one transaction; returns the ids this call created.
 */
export async function createObservationsIfAbsent(
  prisma: PrismaClient,
  rows: NewObservation[],
  by: { userId: string | null; label: string },
  /** Runs in the same transaction, e.g. to store the photos that belong to the new rows. */
  alsoInTransaction?: (tx: Prisma.TransactionClient, createdIds: string[]) => Promise<void>,
): Promise<string[]> {
  if (rows.length === 0) return [];
  return prisma.$transaction(async (tx) => {
    const created = await insertObservationsIfAbsent(tx, rows, by);
    await alsoInTransaction?.(tx, created);
    return created;
  });
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The insert and its audit events, inside a transaction the caller holds. The rows travel as
 * one JSON parameter expanded by jsonb_to_recordset: one statement per chunk instead of
 * Prisma's createMany, several times faster for bulk files (measured in bench/import.ts).
 */
export async function insertObservationsIfAbsent(
  tx: Prisma.TransactionClient,
  rows: NewObservation[],
  by: { userId: string | null; label: string },
): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id, crossing_id: r.crossingId, observed_at: iso(r.observedAt), period_start: iso(r.periodStart),
      period_end: iso(r.periodEnd), metric: r.metric, value: r.value, vehicle_class: r.vehicleClass,
      direction_from: r.directionFrom ?? null, direction_to: r.directionTo ?? null, method: r.method, source: r.source, measure: r.measure ?? null,
      source_url: r.sourceUrl ?? null, retrieved_at: iso(r.retrievedAt), observer_lat: r.observerLat ?? null,
      observer_lon: r.observerLon ?? null, observer_accuracy_m: r.observerAccuracyM ?? null, confidence: r.confidence ?? null,
      notes: r.notes ?? null, submitted_by: r.submittedBy, submitted_by_user_id: r.submittedByUserId ?? null,
      import_id: r.importId ?? null, content_hash: r.contentHash,
    })),
  );
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO observations (id, crossing_id, observed_at, period_start, period_end, metric, value, vehicle_class,
      direction_from, direction_to, method, source, measure, source_url, retrieved_at, observer_lat, observer_lon,
      observer_accuracy_m, confidence, notes, submitted_by, submitted_by_user_id, import_id, content_hash, updated_at)
    SELECT x.*, now() FROM jsonb_to_recordset(${json}::jsonb) AS x(
      id uuid, crossing_id text, observed_at timestamptz, period_start timestamptz, period_end timestamptz,
      metric "Metric", value float8, vehicle_class "VehicleClass", direction_from char(2), direction_to char(2),
      method "ObservationMethod", source text, measure text, source_url text, retrieved_at timestamptz, observer_lat float8,
      observer_lon float8, observer_accuracy_m float8, confidence float8, notes text, submitted_by text,
      submitted_by_user_id uuid, import_id uuid, content_hash char(64))
    ON CONFLICT (id) DO NOTHING
    RETURNING id::text AS id`;
  const ids = inserted.map((r) => r.id);
  if (ids.length) {
    await tx.$executeRaw`
      INSERT INTO audit_events (observation_id, actor_user_id, actor_label, action)
      SELECT x.id, ${by.userId}::uuid, ${by.label}, 'create' FROM jsonb_to_recordset(${JSON.stringify(ids.map((id) => ({ id })))}::jsonb) AS x(id uuid)`;
  }
  return ids;
}

export function listObservations(
  prisma: PrismaClient,
  where: Prisma.ObservationWhereInput,
  limit: number,
): Promise<ObservationRow[]> {
  return prisma.observation.findMany({
    where,
    orderBy: [{ observedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}


/**
 * Marks just-imported rows approved, with an audit event each: an analyst importing a
 * publisher's official statistic is its review. One statement each, inside the caller's transaction.
 */
export async function approveImported(tx: Prisma.TransactionClient, ids: string[], by: { userId: string | null; label: string }, reason: string) {
  if (!ids.length) return;
  const json = JSON.stringify(ids.map((id) => ({ id })));
  await tx.$executeRaw`
    UPDATE observations SET status = 'approved', reviewed_by_user_id = ${by.userId}::uuid, reviewed_at = now(), review_reason = ${reason}, updated_at = now()
     WHERE id IN (SELECT x.id FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid)) AND status = 'pending'`;
  await tx.$executeRaw`
    INSERT INTO audit_events (observation_id, actor_user_id, actor_label, action, before, after, reason)
    SELECT x.id, ${by.userId}::uuid, ${by.label}, 'approve', '{"status":"pending"}'::jsonb, '{"status":"approved"}'::jsonb, ${reason}
      FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid)`;
}
