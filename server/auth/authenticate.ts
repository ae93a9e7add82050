import type { RequestHandler, Response } from 'express';
import { ipKeyGenerator, type Options } from 'express-rate-limit';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DatabaseRateLimitStore } from '../http/database-rate-limit-store.js';
import { HttpError } from '../http/http-error.js';
import { getSessionWithUser, getTokenWithUser, touchToken } from './auth.repo.js';
import type { CurrentUser } from './current-user.js';
import { sha256Hex } from './password.js';

export const SESSION_COOKIE = 'landport_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Sets `req.user` from an API token (`Authorization: Bearer …`) or the session cookie; null
 * for the public. A bad or revoked token is a 401 rather than silently public, so a device
 * learns its token is dead. Cookie-authenticated writes must come from our own origin (CSRF).
 */
export function authenticate(prisma: PrismaClient, opts: { tokenFailureLimit: number } = { tokenFailureLimit: 50 }): RequestHandler {
  // Wrong tokens per address in 15 minutes, shared by every app server: past the limit the address gets 429s, even
  // for a token that would be right, so tokens cannot be guessed at speed.
  const failures = new DatabaseRateLimitStore(prisma, 'token-failures');
  failures.init({ windowMs: 15 * 60_000 } as Options);
  const refuse = (res: Response, resetTime: Date | undefined) => {
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000))));
    return new HttpError(429, 'too_many_requests', 'Too many requests with a wrong API token from this address; wait and try again');
  };
  return async (req, res, next) => {
    req.user = null;
    const auth = req.headers.authorization;
    if (auth) {
      const address = ipKeyGenerator(req.ip ?? '');
      const seen = await failures.get(address);
      if (seen && seen.totalHits >= opts.tokenFailureLimit) throw refuse(res, seen.resetTime);
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const token = m ? await getTokenWithUser(prisma, sha256Hex(m[1])) : null;
      if (!token || token.revokedAt || token.user.disabledAt) {
        await failures.increment(address);
        throw new HttpError(401, 'unauthenticated', 'The API token is invalid or revoked');
      }
      // At most one write a minute per token: enough to show it is in use, no write per request.
      if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) await touchToken(prisma, token.id);
      req.user = toCurrentUser(token.user, 'token');
      return next();
    }
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (cookie) {
      const session = await getSessionWithUser(prisma, sha256Hex(cookie));
      if (session && session.expiresAt > new Date() && !session.user.disabledAt && !session.deviceToken?.revokedAt) {
        if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !sameOrigin(req.headers.origin, req.headers.host)) {
          throw new HttpError(403, 'forbidden', 'Cross-site request refused');
        }
        req.user = toCurrentUser(session.user, 'session');
      }
    }
    next();
  };
}

function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // same-origin fetches and non-browser clients may omit it
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function toCurrentUser(u: { id: string; email: string; displayName: string; role: CurrentUser['role'] }, via: CurrentUser['via']): CurrentUser {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, via };
}
