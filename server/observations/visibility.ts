import type { Prisma } from '../generated/prisma/client.js';
import { canSeeUnreviewed, type CurrentUser } from '../auth/current-user.js';

/**
 * Which observations a caller may read: the public approved ones only; an observer also
 * their own submissions; analysts and admins everything.
 */
export function visibleObservations(user: CurrentUser | null | undefined): Prisma.ObservationWhereInput {
  if (canSeeUnreviewed(user)) return {};
  if (user) return { OR: [{ status: 'approved' }, { submittedByUserId: user.id }] };
  return { status: 'approved' };
}

/**
 * The review status an aggregate (map, series, summaries) counts: approved only for anyone
 * who may not see unreviewed data; for analysts the one asked for, or all but rejected.
 */
export function aggregateStatus(
  user: CurrentUser | null | undefined,
  requested: 'pending' | 'approved' | 'rejected' | undefined,
): { status: 'pending' | 'approved' | 'rejected' } | { notRejected: true } {
  if (!canSeeUnreviewed(user)) return { status: 'approved' };
  return requested ? { status: requested } : { notRejected: true };
}
