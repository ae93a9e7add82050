import type { PrismaClient } from '../generated/prisma/client.js';
import { rateLimit } from 'express-rate-limit';
import { DatabaseRateLimitStore } from './database-rate-limit-store.js';
import { HttpError } from './http-error.js';

/**
 * Writes (observations, submissions with photos, imports) per account and minute, counted across every app server.
 * High enough for a phone flushing a day's offline queue at once; low enough that a runaway script or a stolen
 * token cannot fill the disk. Mounted after `authenticate`; the public is refused by the role check instead.
 */
export function uploadLimit(prisma: PrismaClient, perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(prisma, 'uploads'),
    skip: (req) => req.method !== 'POST' || !req.user,
    keyGenerator: (req) => req.user!.id,
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_requests', `At most ${perMinute} uploads a minute per account; the rest can be sent in a minute`)),
  });
}
