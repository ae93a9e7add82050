import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { ObservationExportQuery } from '../contracts/observations.js';
import { badRequest } from '../http/http-error.js';
import { toWhere } from '../observations/list-observations.js';
import { visibleObservations } from '../observations/visibility.js';

const PAGE = 5000;

/**
 * Every observation matching the filters that the caller may see, newest first, read in pages
 * of 5,000 by keyset (observed_at, id): memory stays flat however many rows there are.
 */
export async function* streamObservations(prisma: PrismaClient, q: ObservationExportQuery, user: CurrentUser | null | undefined) {
  if (q.from && q.to && q.to <= q.from) throw badRequest([{ path: 'query.to', message: 'must be after from' }]);
  let after: { observedAt: Date; id: string } | null = null;
  for (;;) {
    const and: Prisma.ObservationWhereInput[] = [visibleObservations(user)];
    if (after) and.push({ OR: [{ observedAt: { lt: after.observedAt } }, { observedAt: after.observedAt, id: { lt: after.id } }] });
    const rows = await prisma.observation.findMany({
      where: { ...toWhere({ ...q, limit: PAGE }), AND: and },
      orderBy: [{ observedAt: 'desc' }, { id: 'desc' }],
      take: PAGE,
      include: { crossing: { select: { lat: true, lon: true } } },
    });
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { observedAt: last.observedAt, id: last.id };
  }
}
