import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type ObservationRow = Prisma.ObservationGetPayload<object>;
export type NewObservation = Prisma.ObservationCreateManyInput;

export function getObservation(prisma: PrismaClient, id: string) {
  return prisma.observation.findUnique({ where: { id } });
}

export function listObservationHashes(prisma: PrismaClient, ids: string[]) {
  return prisma.observation.findMany({ where: { id: { in: ids } }, select: { id: true, contentHash: true } });
}

/** Inserts rows whose id is not taken yet (ON CONFLICT DO NOTHING); returns the rows this call created. */
export async function createObservationsIfAbsent(prisma: PrismaClient, rows: NewObservation[]): Promise<ObservationRow[]> {
  if (rows.length === 0) return [];
  return prisma.observation.createManyAndReturn({ data: rows, skipDuplicates: true });
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

