import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrationFiles } from './db/migrate.js';
import { createScratchDatabase } from './test/scratch-database.js';
import { spawnServer, type RunningServer } from './test/spawn-server.js';

// Two server processes on one PostgreSQL, as behind a load balancer: nothing a user does may
// depend on which one answers. PostgreSQL only (an embedded database belongs to one process).
const onPostgres = process.env.LANDPORT_TEST_DB === 'postgres';
const ADMIN = { email: 'admin@two.invalid', password: 'two-servers-password' };
const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let feed: http.Server;
let a: RunningServer;
let b: RunningServer;
let db: pg.Client;

// A made-up snapshot in CBP's layout, served locally: both servers poll it.
const SNAPSHOT = JSON.stringify([{
  port_number: '250601', border: 'Mexican Border', port_name: 'Otay Mesa', crossing_name: 'Commercial', date: '07/04/2025',
  commercial_vehicle_lanes: { standard_lanes: { update_time: 'At Noon PDT', delay_minutes: '45', lanes_open: '6' }, FAST_lanes: { update_time: 'At Noon PDT', delay_minutes: '5' } },
}]);

async function signIn(server: RunningServer, account: { email: string; password: string }) {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.baseUrl }, body: JSON.stringify(account) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}
const call = (server: RunningServer, path: string, cookie: string, body?: unknown, method = body ? 'POST' : 'GET') =>
  fetch(`${server.baseUrl}${path}`, { method, headers: { Cookie: cookie, Origin: server.baseUrl, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe.runIf(onPostgres)('two servers on one PostgreSQL', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'landport_two_servers');
    feed = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(SNAPSHOT));
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const env = {
      DATABASE_URL: scratch.url, DEMO_DATA: 'never', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
      EMBED_CACHE_SECONDS: '1', CBP_FEED_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/bwt`, CBP_POLL_SECONDS: '3600',
    };
    // Started together: they race for the migrations and for the first admin. If one fails to
    // start, the other is stopped too, not left running.
    const started = await Promise.allSettled([spawnServer(env), spawnServer(env)]);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)));
      throw (failed as PromiseRejectedResult).reason;
    }
    [a, b] = started.map((s) => (s as PromiseFulfilledResult<RunningServer>).value);
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await new Promise((r) => feed?.close(r));
    await scratch?.drop();
  });

  it('applied each migration once, made one first admin, and polled the feed once between them', async () => {
    const { rows: [m] } = await db.query('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(m.n).toBe(readMigrationFiles().length);
    const { rows: [admins] } = await db.query("SELECT count(*)::int AS n FROM users WHERE role = 'admin'");
    expect(admins.n).toBe(1);
    // Both pollers fetched the same snapshot at start: its two readings are stored once.
    await expect.poll(async () => (await db.query("SELECT count(*)::int AS n FROM feed_snapshots WHERE feed NOT LIKE 'seed:%'")).rows[0].n, { timeout: 20_000 }).toBe(1);
    const { rows: [waits] } = await db.query("SELECT count(*)::int AS n FROM observations WHERE method = 'feed'");
    expect(waits.n).toBe(2);
  });

  it('keeps a session made on one server valid on the other, and a sign-out on either ends it', async () => {
    const cookie = await signIn(a, ADMIN);
    const me = async (server: RunningServer) => ((await (await call(server, '/api/auth/me', cookie)).json()) as { user: { email: string } | null }).user;
    expect((await me(b))?.email).toBe(ADMIN.email);
    expect((await call(b, '/api/auth/logout', cookie, {})).status).toBe(204);
    expect(await me(a)).toBeNull();
  });

  it('counts sign-in attempts on both servers against one limit', async () => {
    // The default limit is 10 per address and email in 15 minutes. Counted per process, five wrong passwords on
    // each server would leave both still answering 401.
    const wrong = { email: 'target@two.invalid', password: 'not the password' };
    const attempt = (server: RunningServer) =>
      fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.baseUrl }, body: JSON.stringify(wrong) }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await attempt(i % 2 ? b : a));
    expect(statuses).toEqual(Array(10).fill(401));
    expect([await attempt(a), await attempt(b)]).toEqual([429, 429]);
    // What is stored is a hash, not the email it counts.
    const { rows } = await db.query('SELECT key FROM rate_limit_hits');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('two.invalid');
  });

  it('stores one row for one submission sent to both at once, and shows an approval on B in the embed A serves', async () => {
    const admin = await signIn(a, ADMIN);
    const observer = { email: 'observer@two.invalid', password: 'observer-password-1' };
    const analyst = { email: 'analyst@two.invalid', password: 'analyst-password-1' };
    for (const [acct, role] of [[observer, 'observer'], [analyst, 'analyst']] as const) {
      expect((await call(a, '/api/admin/users', admin, { ...acct, displayName: role, role })).status).toBe(201);
    }
    const [onA, onB] = [await signIn(a, observer), await signIn(b, observer)];
    const body = { id: crypto.randomUUID(), crossingId: DANDONG, observedAt: '2025-11-03T08:00:00Z', metric: 'queue_vehicles', value: 77, vehicleClass: 'truck', method: 'field', source: 'two servers' };
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? b : a, '/api/observations', i % 2 ? onB : onA, body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect((await db.query('SELECT count(*)::int AS n FROM observations WHERE id = $1', [body.id])).rows[0].n).toBe(1);

    const analystOnA = await signIn(a, analyst);
    const saved = await (await call(a, '/api/views', analystOnA, { title: 'Two servers', view: { crossing: DANDONG, metric: 'queue_vehicles' } })).json() as { id: string };
    const before = await (await fetch(`${a.baseUrl}/embed/${saved.id}/data.json`)).json() as { headline: { value: number | null } };
    expect(before.headline.value).toBeNull();
    expect((await call(b, '/api/review/decisions', await signIn(b, analyst), { ids: [body.id], action: 'approve' })).status).toBe(200);
    // A's embed cache holds for EMBED_CACHE_SECONDS (1 s here): then it reads what B wrote.
    await expect.poll(async () => ((await (await fetch(`${a.baseUrl}/embed/${saved.id}/data.json`)).json()) as { headline: { value: number | null } }).headline.value, { timeout: 5000 }).toBe(77);
  });
});
