import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CurrentUser } from '../auth/current-user.js';
import { visibleObservations } from './visibility.js';
import type { ObservationPageDto, ObservationQuery } from '../contracts/observations.js';
import { badRequest } from '../http/http-error.js';
import { toObservationDto } from './observation-dto.js';
import { listObservations } from './observations.repo.js';

type Cursor = { t: string; id: string };

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.t === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
}

export function toWhere(q: ObservationQuery): Prisma.ObservationWhereInput {
  const where: Prisma.ObservationWhereInput = {};
  if (q.crossing) where.crossingId = q.crossing;
  if (q.ids) where.id = { in: q.ids };
  if (q.metric) where.metric = { in: q.metric };
  if (q.vehicleClass) where.vehicleClass = { in: q.vehicleClass };
  if (q.method) where.method = { in: q.method };
  if (q.status) where.status = { in: q.status };
  if (q.direction === 'unknown') where.directionFrom = null;
  else if (q.direction) [where.directionFrom, where.directionTo] = q.direction.split('-');
  if (q.from || q.to) where.observedAt = { ...(q.from && { gte: q.from }), ...(q.to && { lt: q.to }) };
  return where;
}

/** Newest first; the cursor is the last row's (observedAt, id), so pages never skip or repeat rows. */
export async function listObservationPage(
  prisma: PrismaClient,
  q: ObservationQuery,
  user: CurrentUser | null | undefined,
): Promise<ObservationPageDto> {
  if (q.from && q.to && q.to <= q.from) throw badRequest([{ path: 'to', message: 'must be after from' }]);
  const where = toWhere(q);
  const and: Prisma.ObservationWhereInput[] = [visibleObservations(user)];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const t = new Date(c.t);
    and.push({ OR: [{ observedAt: { lt: t } }, { observedAt: t, id: { lt: c.id } }] });
  }
  where.AND = and;
  const rows = await listObservations(prisma, where, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ t: last.observedAt.toISOString(), id: last.id }) : null;
  return { items: page.map(toObservationDto), nextCursor };
}
