import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

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

/** The columns a new observation fills, with the SQL types the bulk paths declare them as. */
export const NEW_OBSERVATION_COLUMNS = [
  ['id', 'uuid'], ['crossing_id', 'text'], ['observed_at', 'timestamptz'], ['period_start', 'timestamptz'], ['period_end', 'timestamptz'],
  ['metric', '"Metric"'], ['value', 'float8'], ['vehicle_class', '"VehicleClass"'], ['direction_from', 'char(2)'], ['direction_to', 'char(2)'],
  ['method', '"ObservationMethod"'], ['source', 'text'], ['measure', 'text'], ['source_url', 'text'], ['retrieved_at', 'timestamptz'],
  ['observer_lat', 'float8'], ['observer_lon', 'float8'], ['observer_accuracy_m', 'float8'], ['confidence', 'float8'], ['notes', 'text'],
  ['submitted_by', 'text'], ['submitted_by_user_id', 'uuid'], ['import_id', 'uuid'], ['content_hash', 'char(64)'],
] as const;
export const NEW_OBSERVATION_COLUMN_NAMES = NEW_OBSERVATION_COLUMNS.map(([name]) => name).join(', ');
/** `id uuid, crossing_id text, …`: a record type, or a table's columns. */
export const NEW_OBSERVATION_COLUMN_DEFS = NEW_OBSERVATION_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');

/** A new observation as the database's columns, in NEW_OBSERVATION_COLUMNS' order. */
export function observationValues(r: NewObservation): (string | number | null)[] {
  return [
    r.id!, r.crossingId, iso(r.observedAt), iso(r.periodStart), iso(r.periodEnd), r.metric, r.value, r.vehicleClass,
    r.directionFrom ?? null, r.directionTo ?? null, r.method, r.source, r.measure ?? null, r.sourceUrl ?? null, iso(r.retrievedAt),
    r.observerLat ?? null, r.observerLon ?? null, r.observerAccuracyM ?? null, r.confidence ?? null, r.notes ?? null,
    r.submittedBy, r.submittedByUserId ?? null, r.importId ?? null, r.contentHash,
  ];
}

/**
 * The insert and its `create` audit events, inside a transaction the caller holds; a row that came with an
 * import gets none: its import records who created it, when, and from which file (one row in `imports`
 * and one `observations.imported` audit event, run-import.ts), which the history shows. The rows travel as
 * one JSON parameter expanded by jsonb_to_recordset: one statement per chunk instead of
 * Prisma's createMany, several times faster for bulk files (measured in bench/import.ts).
 * (A bulk import copies instead, on either database: copy-observations.ts.)
 */
export async function insertObservationsIfAbsent(
  tx: Prisma.TransactionClient,
  rows: NewObservation[],
  by: { userId: string | null; label: string },
): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map((r) => {
    const values = observationValues(r);
    return Object.fromEntries(NEW_OBSERVATION_COLUMNS.map(([name], i) => [name, values[i]]));
  }));
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO observations (${Prisma.raw(NEW_OBSERVATION_COLUMN_NAMES)}, updated_at)
    SELECT x.*, now() FROM jsonb_to_recordset(${json}::jsonb) AS x(${Prisma.raw(NEW_OBSERVATION_COLUMN_DEFS)})
    ON CONFLICT (id) DO NOTHING
    RETURNING id::text AS id`;
  const ids = inserted.map((r) => r.id);
  const imported = new Set(rows.filter((r) => r.importId).map((r) => r.id!.toLowerCase()));
  const audited = ids.filter((id) => !imported.has(id));
  if (audited.length) {
    await tx.$executeRaw`
      INSERT INTO audit_events (observation_id, actor_user_id, actor_label, action)
      SELECT x.id, ${by.userId}::uuid, ${by.label}, 'create' FROM jsonb_to_recordset(${JSON.stringify(audited.map((id) => ({ id })))}::jsonb) AS x(id uuid)`;
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
