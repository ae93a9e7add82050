import { Prisma } from '../generated/prisma/client.js';
import type { aggregateStatus } from './visibility.js';

export type StatusScope = ReturnType<typeof aggregateStatus>;

/** The SQL for a status scope, for the raw aggregate queries. */
export function statusCondition(scope: StatusScope, table?: string): Prisma.Sql {
  const column = Prisma.raw(table ? `${table}.status` : 'status');
  return 'status' in scope ? Prisma.sql`${column} = ${scope.status}::"ReviewStatus"` : Prisma.sql`${column} <> 'rejected'`;
}
