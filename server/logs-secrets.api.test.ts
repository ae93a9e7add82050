import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from './test/scratch-database.js';
import { testDbKind } from './test/test-database.js';
import { spawnServer, type RunningServer } from './test/spawn-server.js';

// The real server process, its real logger: every secret that passes through it during a working session —
// passwords (right and wrong), session cookies, API tokens (good, revoked, made up), the bootstrap admin's
// password, the database password — must appear in none of the lines it prints, at the most verbose level.
const ADMIN = { email: 'admin@logs.invalid', password: 'bootstrap-secret-Zq81' };
const DB_PASSWORD = 'db-secret-Xk42';
let server: RunningServer;
let cleanup: () => Promise<void>;
const secrets: string[] = [ADMIN.password];

beforeAll(async () => {
  const env: Record<string, string> = { DEMO_DATA: 'never', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'trace' };
  if (testDbKind === 'postgres') {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'landport_logs');
    // The machine's PostgreSQL trusts local connections, so the password is carried, and must not be printed.
    const url = new URL(scratch.url);
    url.password = DB_PASSWORD;
    secrets.push(DB_PASSWORD);
    server = await spawnServer({ ...env, DATABASE_URL: url.toString() });
    cleanup = () => scratch.drop();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-logs-'));
    server = await spawnServer({ ...env, DATA_DIR: dir, DATABASE_URL: '' });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await cleanup?.();
});

const send = (p: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
  fetch(`${server.baseUrl}${p}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', Origin: server.baseUrl, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('logs', () => {
  it('never print a password, cookie, token or database password', async () => {
    expect((await send('/api/auth/login', { body: { email: ADMIN.email, password: 'wrong-password-Pq77' } })).status).toBe(401);
    secrets.push('wrong-password-Pq77');
    const login = await send('/api/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    const cookieValue = login.headers.get('set-cookie')!.split(';')[0].split('=')[1];
    secrets.push(cookieValue);
    const admin = { Cookie: `landport_session=${cookieValue}` };

    const userPassword = 'observer-secret-Lm09';
    secrets.push(userPassword);
    const user = (await (await send('/api/admin/users', { headers: admin, body: { email: 'obs@logs.invalid', displayName: 'Obs', role: 'observer', password: userPassword } })).json()) as { id: string };
    const token = (await (await send('/api/admin/tokens', { headers: admin, body: { name: 'phone', userId: user.id } })).json()) as { id: string; token: string };
    expect(token.token).toBeTruthy();
    secrets.push(token.token);
    const bearer = { Authorization: `Bearer ${token.token}` };
    expect((await send('/api/auth/me', { headers: bearer })).status).toBe(200);
    // A submission that fails validation, one that works, and the same after the token is revoked.
    expect((await send('/api/observations', { headers: bearer, body: { value: 'lots' } })).status).toBe(400);
    expect((await send(`/api/admin/tokens/${token.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect((await send('/api/auth/me', { headers: bearer })).status).toBe(401);
    const madeUp = 'lp_made-up-token-Rt55';
    secrets.push(madeUp);
    expect((await send('/api/auth/me', { headers: { Authorization: `Bearer ${madeUp}` } })).status).toBe(401);
    expect((await send('/api/auth/logout', { headers: admin, body: {} })).status).toBe(204);

    // The requests above were logged (so the check below looks at something).
    const text = server.lines.map((l) => JSON.stringify(l)).join('\n');
    expect(server.lines.filter((l) => (l.req as { url?: string } | undefined)?.url === '/api/auth/me').length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) expect(text, 'a secret in the logs').not.toContain(secret);
  });
});
