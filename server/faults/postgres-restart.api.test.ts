import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type RunningServer } from '../test/spawn-server.js';

// PostgreSQL restarted while observers submit: every answer during the outage is a 503 with Retry-After (never a
// 500), nothing half-written remains (each row has its audit event), and the clients' retries all succeed —
// 0 lost, 0 duplicated, counted. The test runs a PostgreSQL of its own (initdb as the postgres user, so root, as
// CI runs) and restarts it; the machine's shared one is never touched. PostgreSQL project only.
const onPostgres = process.env.LANDPORT_TEST_DB === 'postgres';
const isRoot = process.getuid?.() === 0;
const CLIENTS = 8;
const PER_CLIENT = 40;
const SOURCE = 'fault test: PostgreSQL restarted (made-up rows)';

const binDir = () => {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  return versions.length ? `/usr/lib/postgresql/${versions[0]}/bin` : '';
};
const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});

let dataDir: string;
let port: number;
let server: RunningServer | undefined;
// stdio ignored: the server pg_ctl starts keeps inherited pipes open, and execFileSync would wait for them.
const pgCtl = (...args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', `${binDir()}/pg_ctl`, '-D', dataDir, ...args], { stdio: 'ignore' });
const pgStart = () => pgCtl('-o', `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1`, '-w', '-l', path.join(dataDir, 'log'), 'start');

describe.runIf(onPostgres && isRoot && binDir())('PostgreSQL restarted while clients submit', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-pg-'));
    fs.chownSync(dataDir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    execFileSync('runuser', ['-u', 'postgres', '--', `${binDir()}/initdb`, '-D', dataDir, '-A', 'trust', '-U', 'postgres'], { stdio: 'pipe' });
    port = await freePort();
    pgStart();
    server = await spawnServer({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`, DEMO_DATA: 'never', ADMIN_EMAIL: 'admin@restart.invalid', ADMIN_PASSWORD: 'restart-password-1' });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After during the outage, and every retried submission is stored exactly once', async () => {
    const s = server!;
    const login = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: s.baseUrl }, body: JSON.stringify({ email: 'admin@restart.invalid', password: 'restart-password-1' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const counts = { sent: 0, stored: 0, unavailable: 0, withoutRetryAfter: 0, serverErrors: 0, networkErrors: 0 };
    let done = 0;

    const submitUntilStored = async (body: object) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        counts.sent++;
        let res: Response;
        try {
          res = await fetch(`${s.baseUrl}/api/observations`, { method: 'POST', headers: { Cookie: cookie, Origin: s.baseUrl, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        } catch {
          counts.networkErrors++;
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) return counts.stored++;
        if (res.status === 503) {
          counts.unavailable++;
          if (!res.headers.get('retry-after')) counts.withoutRetryAfter++;
          // The header says 5 s; the test waits less so that it ends sooner, which only makes the retries harder.
          await new Promise((r) => setTimeout(r, 300));
          continue;
        }
        if (res.status >= 500) counts.serverErrors++;
        const errors = s.lines.filter((l) => Number(l.level) >= 50).map((l) => JSON.stringify(l.err ?? l).slice(0, 600));
        throw new Error(`unexpected ${res.status}; the server logged: ${errors.join('\n')}`);
      }
      throw new Error('gave up after 200 attempts');
    };

    const client = async (c: number) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await submitUntilStored({
          id: crypto.randomUUID(), crossingId: 'cn-kp-dandong-sinuiju-friendship-bridge', observedAt: new Date(Date.UTC(2025, 10, 1, 0, c * PER_CLIENT + i)).toISOString(),
          metric: 'queue_vehicles', value: i, vehicleClass: 'truck', method: 'field', source: SOURCE,
        });
        done++;
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    while (done < (CLIENTS * PER_CLIENT) / 4) await new Promise((r) => setTimeout(r, 20));
    // Down long enough that clients meet the outage whatever was in flight: pg_ctl blocks this process's event loop
    // (and so the clients) while it runs, and a bare restart could fall between two requests.
    pgCtl('-m', 'fast', '-w', 'stop');
    await new Promise((r) => setTimeout(r, 1500));
    pgStart();
    await Promise.all(clients);

    const db = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    await db.connect();
    try {
      const { rows: [r] } = await db.query(
        `SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids,
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.observation_id = o.id AND a.action = 'create'))::int AS without_audit
           FROM observations o WHERE source = $1`, [SOURCE]);
      expect(r).toEqual({ rows: CLIENTS * PER_CLIENT, ids: CLIENTS * PER_CLIENT, without_audit: 0 });
    } finally {
      await db.end();
    }
    expect(counts.stored).toBe(CLIENTS * PER_CLIENT);
    expect(counts.serverErrors).toBe(0);
    expect(counts.withoutRetryAfter).toBe(0);
    expect(counts.networkErrors).toBe(0); // the server itself never went away
    expect(counts.unavailable).toBeGreaterThan(0); // the outage was seen, as 503s
    console.log(`PostgreSQL restart: ${JSON.stringify(counts)}`);
  }, 180_000);
});
