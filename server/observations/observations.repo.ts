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
 * event for each, in one transaction; returns the rows this call created.
 */
export async function createObservationsIfAbsent(
  prisma: PrismaClient,
  rows: NewObservation[],
  by: { userId: string | null; label: string },
  /** Runs in the same transaction, e.g. to store the photos that belong to the new rows. */
  alsoInTransaction?: (tx: Prisma.TransactionClient, created: ObservationRow[]) => Promise<void>,
): Promise<ObservationRow[]> {
  if (rows.length === 0) return [];
  return prisma.$transaction(async (tx) => {
    const created = await insertObservationsIfAbsent(tx, rows, by);
    await alsoInTransaction?.(tx, created);
    return created;
  });
}

/** The insert and its audit events, inside a transaction the caller holds. */
export async function insertObservationsIfAbsent(
  tx: Prisma.TransactionClient,
  rows: NewObservation[],
  by: { userId: string | null; label: string },
): Promise<ObservationRow[]> {
  if (rows.length === 0) return [];
  const created = await tx.observation.createManyAndReturn({ data: rows, skipDuplicates: true });
  if (created.length) {
    await tx.auditEvent.createMany({
      data: created.map((o) => ({ observationId: o.id, actorUserId: by.userId, actorLabel: by.label, action: 'create' })),
    });
  }
  return created;
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

