import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { countActiveAdmins, createUser } from './auth.repo.js';
import { hashPassword } from './password.js';

/** Creates the configured admin when no admin exists yet; a later start changes nothing. */
export async function bootstrapAdmin(prisma: PrismaClient, admin: { email: string; password: string }, log: Logger) {
  if ((await countActiveAdmins(prisma)) > 0) return;
  try {
    await createUser(prisma, {
      id: crypto.randomUUID(), email: admin.email.toLowerCase(), displayName: 'Administrator', role: 'admin',
      passwordHash: await hashPassword(admin.password),
    });
  } catch (err) {
    // Another server starting at the same moment made this admin first.
    if ((err as { code?: string }).code === 'P2002') return;
    throw err;
  }
  log.info({ email: admin.email }, 'created the first admin from ADMIN_EMAIL');
}
