import type { RequestHandler } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
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
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, _res, next) => {
    req.user = null;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const token = m ? await getTokenWithUser(prisma, sha256Hex(m[1])) : null;
      if (!token || token.revokedAt || token.user.disabledAt) {
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
      if (session && session.expiresAt > new Date() && !session.user.disabledAt) {
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
