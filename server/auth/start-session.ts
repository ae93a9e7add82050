import type { Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createSession } from './auth.repo.js';
import { SESSION_COOKIE } from './authenticate.js';
import { newSecret } from './password.js';

export const SESSION_DAYS = 14;

/**
 * Signs a browser in: a new session (only its hash is stored) and its cookie. Every way in (password, first-run
 * setup, a device token's QR code) ends here, so the cookie's flags are set in one place.
 */
export async function startSession(
  prisma: PrismaClient,
  res: Response,
  userId: string,
  opts: { secureCookies: boolean; deviceTokenId?: string },
): Promise<void> {
  const { secret, hash } = newSecret('s_');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await createSession(prisma, { id: hash, userId, expiresAt, deviceTokenId: opts.deviceTokenId ?? null });
  res.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, path: '/', expires: expiresAt });
}
