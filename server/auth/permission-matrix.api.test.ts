import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../http/list-routes.js';
import { API_OPERATIONS, type Access, type ApiOperation } from '../openapi/api-operations.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { createSession } from './auth.repo.js';
import { SESSION_COOKIE } from './authenticate.js';
import type { Role } from './current-user.js';
import { newSecret } from './password.js';

// The role × endpoint matrix, complete: every route the app answers is in the API description (checked first),
// and every operation there is called by every kind of caller. Whoever may not call it gets 401 (not signed in) or
// 403 (signed in, wrong role) before anything else happens; whoever may is never refused for who they are.

let t: TestApp;
type Caller = { name: string; rank: number; headers: () => Promise<Record<string, string>>; dead?: boolean };
const callers: Caller[] = [];
const RANK: Record<Access, number> = { anyone: 0, observer: 1, analyst: 2, admin: 3 };
const ROLES: Role[] = ['observer', 'analyst', 'admin'];

beforeAll(async () => {
  // The revoked-token caller makes a wrong-token request per operation: more than the default limit allows.
  t = await startTestApp({ tokenFailureLimit: 10_000 });
  callers.push({ name: 'public', rank: 0, headers: async () => ({}) });
  for (const role of ROLES) {
    callers.push({ name: `${role} (API token)`, rank: RANK[role], headers: async () => t.as[role] });
    // A new session for every call: one of the operations is signing out.
    const session = async () => {
      const { secret, hash } = newSecret('s_');
      await createSession(t.db.prisma, { id: hash, userId: t.as.ids[role], expiresAt: new Date(Date.now() + 3_600_000) });
      return { Cookie: `${SESSION_COOKIE}=${secret}` };
    };
    callers.push({ name: `${role} (session)`, rank: RANK[role], headers: session });
  }
  // A revoked admin token: refused outright wherever a token is read, never taken for the public.
  const revoked = newSecret('lp_');
  await t.db.prisma.apiToken.create({ data: { id: crypto.randomUUID(), name: 'revoked', tokenHash: revoked.hash, userId: t.as.ids.admin, createdById: t.as.ids.admin, revokedAt: new Date() } });
  callers.push({ name: 'revoked admin token', rank: 0, headers: async () => ({ Authorization: `Bearer ${revoked.secret}` }), dead: true });
});
afterAll(() => t.cleanup());

// Routes that are not operations: GET /embed answers 404 so that the embed page template is never served bare.
const NOT_OPERATIONS = ['GET /embed'];
// Where the app reads credentials at all (embeds and health are public and never look).
const READS_CREDENTIALS = /^\/(api|photos|ogc)(\/|$)/;

async function call(op: ApiOperation, caller: Caller) {
  const path = op.path.replace(/\{[^}]+\}/g, 'x');
  const req = t.request[op.method](path).set(await caller.headers());
  return op.method === 'post' || op.method === 'patch' ? req.send({}) : req;
}

describe('permissions', () => {
  it('covers every route: the description lists all of them, and only them', () => {
    const documented = API_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(listRoutes(t.app).filter((r) => !NOT_OPERATIONS.includes(r))).toEqual(documented);
  });

  it('refuses whoever may not call an operation, before anything else, and lets the rest through', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const op of API_OPERATIONS) {
      for (const caller of callers) {
        const res = await call(op, caller);
        cells++;
        const needed = RANK[op.access];
        const expected = caller.dead && READS_CREDENTIALS.test(op.path) ? 401
          : needed === 0 ? 'allowed'
          : caller.rank === 0 ? 401
          : caller.rank < needed ? 403
          : 'allowed';
        const ok = expected === 'allowed' ? ![401, 403].includes(res.status) && res.status < 500 : res.status === expected;
        if (!ok) wrong.push(`${op.method.toUpperCase()} ${op.path} as ${caller.name}: ${res.status}, expected ${expected} (${JSON.stringify(res.body?.error ?? {}).slice(0, 120)})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(API_OPERATIONS.length * callers.length);
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const session = callers.find((c) => c.name === 'admin (session)')!;
    const res = await t.request.post('/api/views').set(await session.headers()).set('Origin', 'https://evil.example').send({});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Cross-site/);
  });
});
