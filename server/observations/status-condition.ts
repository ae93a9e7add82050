import { Prisma } from '../generated/prisma/client.js';
import type { aggregateStatus } from './visibility.js';

export type StatusScope = ReturnType<typeof aggregateStatus>;

/** The SQL for a status scope, for the raw aggregate queries. */
export function statusCondition(scope: StatusScope): Prisma.Sql {
  return 'status' in scope ? Prisma.sql`status = ${scope.status}::"ReviewStatus"` : Prisma.sql`status <> 'rejected'`;
}
