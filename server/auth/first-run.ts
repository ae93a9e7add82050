import crypto from 'node:crypto';
import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { setupInput, type SessionUserDto, type SetupStatusDto } from '../contracts/auth.js';
import { HttpError } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { countActiveAdmins, createUser } from './auth.repo.js';
import { hashPassword, newSecret, sha256Hex } from './password.js';
import { startSession } from './start-session.js';

/**
 * The one-time token that lets the first visitor create the admin account in the browser. It lives in this
 * process only: a restart before setup prints a new one, and once an admin exists no token works (410). With
 * several app servers, run the first start with one, or set ADMIN_EMAIL.
 */
export type FirstRun = { token: string; used: boolean };

/** A new token when no admin exists yet; null when there is one (or ADMIN_EMAIL made one). */
export async function prepareFirstRun(prisma: PrismaClient): Promise<FirstRun | null> {
  if ((await countActiveAdmins(prisma)) > 0) return null;
  return { token: newSecret('setup_').secret, used: false };
}

/** The token goes in the fragment, which browsers never send: it is in no access log, here or at a proxy. */
export const setupUrl = (origin: string, firstRun: FirstRun) => `${origin.replace(/\/+$/, '')}/setup/#token=${encodeURIComponent(firstRun.token)}`;

const sameSecret = (a: string, b: string) => crypto.timingSafeEqual(Buffer.from(sha256Hex(a), 'hex'), Buffer.from(sha256Hex(b), 'hex'));

const setupDone = () => new HttpError(410, 'gone', 'Setup is done: an admin account exists. Sign in instead.');

/** `GET /api/setup` says whether setup is still open; `POST /api/setup` creates the first admin and signs them in. */
export function setupRouter(prisma: PrismaClient, firstRun: FirstRun | null, opts: { secureCookies: boolean }): Router {
  const router = Router();
  const open = async () => firstRun !== null && !firstRun.used && (await countActiveAdmins(prisma)) === 0;

  router.get('/', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ needed: await open() } satisfies SetupStatusDto);
  });

  router.post('/', async (req, res) => {
    if (!(await open())) throw setupDone();
    const input = parseOrThrow(setupInput, req.body);
    if (!sameSecret(input.token, firstRun!.token)) {
      throw new HttpError(403, 'forbidden', 'This is not the setup token the server printed', {
        fields: [{ path: 'token', message: "is not the token in the server's first-run message" }],
      });
    }
    // Claimed before the first await that could interleave: two requests with the right token make one admin.
    if (firstRun!.used) throw setupDone();
    firstRun!.used = true;
    try {
      const user = await createUser(prisma, {
        id: crypto.randomUUID(), email: input.email, displayName: input.displayName, role: 'admin',
        passwordHash: await hashPassword(input.password),
      });
      await startSession(prisma, res, user.id, opts);
      res.status(201).json({ id: user.id, email: user.email, displayName: user.displayName, role: user.role } satisfies SessionUserDto);
    } catch (err) {
      firstRun!.used = false;
      throw err;
    }
  });
  return router;
}
