import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { newSecret } from '../auth/password.js';
import type { Role } from '../auth/current-user.js';

export type AuthHeaders = { Authorization: string };

/**
 * One account per role, each with an API token, made straight in the database (the admin
 * API that does the same is tested on its own). `as.observer` etc. are request headers.
 */
export async function createTestAccounts(db: Database): Promise<Record<Role, AuthHeaders> & { ids: Record<Role, string> }> {
  const roles: Role[] = ['observer', 'analyst', 'admin'];
  const headers = {} as Record<Role, AuthHeaders>;
  const ids = {} as Record<Role, string>;
  for (const role of roles) {
    const id = crypto.randomUUID();
    await db.prisma.user.create({ data: { id, email: `${role}-${id.slice(0, 8)}@test.invalid`, displayName: `Test ${role}`, role } });
    const { secret, hash } = newSecret('lp_');
    await db.prisma.apiToken.create({ data: { id: crypto.randomUUID(), name: `${role} test token`, tokenHash: hash, userId: id, createdById: id } });
    headers[role] = { Authorization: `Bearer ${secret}` };
    ids[role] = id;
  }
  return { ...headers, ids };
}
