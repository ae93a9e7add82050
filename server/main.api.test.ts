import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseHandle, testDbKind, type TestDatabaseHandle } from './test/test-database.js';
import { spawnServer } from './test/spawn-server.js';
import { createTestAccounts } from './test/test-accounts.js';
import { applyMigrations } from './db/migrate.js';

/** POSTs one valid observation to a running server, as the observer made in beforeAll. */
function postObservation(baseUrl: string, fields: { id: string; observedAt: string; value: number; source: string }) {
  return fetch(`${baseUrl}/api/observations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...accounts.observer },
    body: JSON.stringify({
      crossingId: 'cn-kp-quanhe-wonjong', metric: 'queue_vehicles', vehicleClass: 'truck', method: 'field',
      ...fields,
    }),
  });
}

let handle: TestDatabaseHandle;
let accounts: Awaited<ReturnType<typeof createTestAccounts>>;
beforeAll(async () => {
  handle = await createTestDatabaseHandle();
  // Accounts made before the server first starts: its own start then only seeds.
  const db = await handle.open();
  await applyMigrations(db);
  accounts = await createTestAccounts(db);
  await db.close();
});
afterAll(() => handle.destroy());

describe(`the server process on ${testDbKind}`, () => {
  it('starts on an empty database with the reference data, serves the API, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServer(handle.env);
    try {
      const health = await (await fetch(`${server.baseUrl}/health`)).json();
      expect(health.status).toBe('ok');
      const crossings = await (await fetch(`${server.baseUrl}/api/crossings`)).json();
      // The 14 China–DPRK and Russia–DPRK crossings of data/crossings.csv and the 100 US ports of the BTS extract.
      expect(crossings.features).toHaveLength(114);
      expect(crossings.features.filter((f: { id: string }) => f.id.startsWith('us-'))).toHaveLength(100);
      const trade = await (await fetch(`${server.baseUrl}/api/trade/monthly?from=2025-11&to=2025-11`)).json();
      expect(trade.months[0].total.valueUsd).toBe(281000000);
      // Demo rows (2023–2025, newer than the real BTS counts of 2020–2021) only on a new embedded database;
      // PostgreSQL gets them only on request, and the real counts everywhere.
      const obs = await (await fetch(`${server.baseUrl}/api/observations?limit=1`)).json();
      expect(obs.items[0].synthetic).toBe(testDbKind === 'embedded');
      const real = await (await fetch(`${server.baseUrl}/api/observations?limit=1&method=customs`)).json();
      expect(real.items[0]).toMatchObject({ synthetic: false, method: 'customs', status: 'approved' });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.lines.map((l) => l.msg)).toContain('stopped cleanly');
  });

  it('exits on SIGTERM within SHUTDOWN_TIMEOUT_MS when its stdout was closed (its parent gone)', async () => {
    const server = await spawnServer({ ...handle.env, SHUTDOWN_TIMEOUT_MS: '3000' });
    // The reader of its stdout goes away; the server still logs every request and its shutdown.
    server.child.stdout!.destroy();
    expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    const started = Date.now();
    server.child.kill('SIGTERM');
    const exited = await Promise.race([once(server.child, 'exit').then(([code]) => code), new Promise((r) => setTimeout(() => r('still running'), 4000))]);
    if (exited === 'still running') server.child.kill('SIGKILL');
    expect(exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps an acknowledged write when the process is killed with SIGKILL, and starts again', async () => {
    const id = crypto.randomUUID();
    const first = await spawnServer(handle.env);
    const res = await postObservation(first.baseUrl, { id, observedAt: '2025-11-04T08:30:00Z', value: 23, source: 'kill test' });
    expect(res.status).toBe(201);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    // The lock file of the killed process is left behind; the next start must take it over.
    const second = await spawnServer(handle.env);
    try {
      const again = await fetch(`${second.baseUrl}/api/observations/${id}`, { headers: accounts.analyst });
      expect(again.status).toBe(200);
      expect((await again.json()).value).toBe(23);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('keeps submitted data across a restart of the process', async () => {
    const id = crypto.randomUUID();
    const first = await spawnServer(handle.env);
    try {
      const res = await postObservation(first.baseUrl, { id, observedAt: '2025-11-03T08:30:00Z', value: 17, source: 'restart test' });
      expect(res.status).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await spawnServer(handle.env);
    try {
      const res = await fetch(`${second.baseUrl}/api/observations/${id}`, { headers: accounts.analyst });
      expect(res.status).toBe(200);
      expect((await res.json()).value).toBe(17);
      expect(second.lines.some((l) => l.msg === 'schema up to date')).toBe(true);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('PORT');
  });

  it('creates the first admin with `npm run user:create`, password from the environment', async () => {
    const email = `first-admin-${crypto.randomUUID().slice(0, 6)}@example.org`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', '--email', email, '--name', 'First Admin', '--role', 'admin'], {
      env: { ...process.env, ...handle.env, LANDPORT_PASSWORD: 'a strong first password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out).toContain(`Created admin ${email}`);
    const server = await spawnServer(handle.env);
    try {
      const login = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'a strong first password' }),
      });
      expect(login.status).toBe(200);
      expect((await login.json()).role).toBe('admin');
    } finally {
      await server.stop();
    }
  });
});
