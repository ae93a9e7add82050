import crypto from 'node:crypto';
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { PrismaClient } from '../generated/prisma/client.js';
import { deviceSignInInput, loginInput, type MeDto, type SessionUserDto } from '../contracts/auth.js';
import { DatabaseRateLimitStore } from '../http/database-rate-limit-store.js';
import { HttpError } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { deleteSession, getTokenWithUser, getUserByEmail, touchToken } from './auth.repo.js';
import { startSession } from './start-session.js';
import { SESSION_COOKIE, readCookie } from './authenticate.js';
import { hashPassword, sha256Hex, verifyPassword } from './password.js';

// Verifying against a fixed hash when the email is unknown keeps response times alike (no account probing).
const DUMMY_HASH = hashPassword(crypto.randomBytes(16).toString('hex'));

export function authRouter(prisma: PrismaClient, opts: { secureCookies: boolean; loginLimit: number }): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: opts.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(prisma, 'login'),
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.email ?? '').toLowerCase()}`,
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_requests', 'Too many sign-in attempts; wait 15 minutes')),
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const { email, password } = parseOrThrow(loginInput, req.body);
    const user = await getUserByEmail(prisma, email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !user.passwordHash || !ok || user.disabledAt) {
      throw new HttpError(401, 'unauthenticated', 'Email or password is wrong');
    }
    await startSession(prisma, res, user.id, { secureCookies: opts.secureCookies });
    res.json({ id: user.id, email: user.email, displayName: user.displayName, role: user.role } satisfies SessionUserDto);
  });

  // A phone signs in with a device token, read from the QR code an admin showed it: the token becomes a session
  // tied to it, so revoking the token signs the phone out. The token itself is never kept by the browser.
  // Per address only (a device sends no email), and only failures count: a room of phones behind one NAT signing
  // in at the start of a shift is not an attack.
  const deviceLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: opts.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: new DatabaseRateLimitStore(prisma, 'device-sign-in'),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_requests', 'Too many wrong device tokens from this address; wait 15 minutes')),
  });

  router.post('/device', deviceLimiter, async (req, res) => {
    const { token: secret } = parseOrThrow(deviceSignInInput, req.body);
    const token = await getTokenWithUser(prisma, sha256Hex(secret));
    if (!token || token.revokedAt || token.user.disabledAt) {
      throw new HttpError(401, 'unauthenticated', 'This device token is unknown or revoked: ask an admin for a new QR code');
    }
    // An admin's token stays a script's Bearer token: a lost phone must not hold an admin session.
    if (token.user.role === 'admin') throw new HttpError(403, 'forbidden', 'A device token of an admin account cannot sign a phone in; make one for an observer or analyst');
    await touchToken(prisma, token.id);
    await startSession(prisma, res, token.user.id, { secureCookies: opts.secureCookies, deviceTokenId: token.id });
    res.json({ id: token.user.id, email: token.user.email, displayName: token.user.displayName, role: token.user.role } satisfies SessionUserDto);
  });

  router.post('/logout', async (req, res) => {
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (cookie) await deleteSession(prisma, sha256Hex(cookie));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: req.user ?? null } satisfies MeDto);
  });

  return router;
}
