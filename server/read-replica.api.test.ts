import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from './test/scratch-database.js';
import { spawnServer, type RunningServer } from './test/spawn-server.js';

// DATABASE_READ_URL: anonymous public reads go to the replica, signed-in users and every write to the primary.
// The "replica" here is a copy of the primary that is never updated, as a replica that lags would be: a row
// written to the primary shows to an analyst at once and to the public only once it reaches the replica.
// PostgreSQL only (the embedded database has no replicas; the config refuses one).
const onPostgres = process.env.LANDPORT_TEST_DB === 'postgres';
const ADMIN = { email: 'admin@replica.invalid', password: 'replica-password-1' };
const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';

let primary: Awaited<ReturnType<typeof createScratchDatabase>>;
let replica: Awaited<ReturnType<typeof createScratchDatabase>>;
let server: RunningServer;

const env = { DEMO_DATA: 'never', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RESPONSE_CACHE_SECONDS: '0', EMBED_CACHE_SECONDS: '0' };
const INSERT = `INSERT INTO observations (id, crossing_id, observed_at, metric, value, vehicle_class, method, source, status, submitted_by, content_hash, updated_at)
  VALUES ($1, $2, '2025-11-03T08:00:00Z', 'queue_vehicles', 41, 'truck', 'field', 'replica test', 'approved', 'test', repeat('a', 64), now())`;

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(onPostgres)('a read replica for public reads', () => {
  beforeAll(async () => {
    primary = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'landport_primary');
    await (await spawnServer({ ...env, DATABASE_URL: primary.url })).stop(); // migrated and seeded, then copied
    replica = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'landport_replica', { template: primary.name });
    server = await spawnServer({ ...env, DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await replica?.drop();
    await primary?.drop();
  });

  const month = async (cookie?: string) => {
    const res = await fetch(`${server.baseUrl}/api/series?crossing=${DANDONG}&metric=queue_vehicles&from=2025-11&to=2025-11`, { headers: cookie ? { Cookie: cookie } : {} });
    expect(res.status).toBe(200);
    return ((await res.json()) as { months: { activity: { sum: number } | null }[] }).months[0].activity;
  };

  it('serves the public from the replica and a signed-in analyst from the primary', async () => {
    const id = crypto.randomUUID();
    await sql(primary.url, INSERT, [id, DANDONG]);
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.baseUrl }, body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(200); // a write (the session) on the primary: the replica has no such row
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect((await month(cookie))?.sum).toBe(41);
    expect(await month()).toBeNull();
    const ogc = async () => (await (await fetch(`${server.baseUrl}/ogc/collections/observations/items?limit=1000`)).json()) as { features: { id: string }[] };
    expect((await ogc()).features.map((f) => f.id)).not.toContain(id);

    // The row reaches the replica: now the public sees it, on every public read.
    await sql(replica.url, INSERT, [id, DANDONG]);
    expect((await month())?.sum).toBe(41);
    expect((await ogc()).features.map((f) => f.id)).toContain(id);
  });

  it('reports the replica in its health', async () => {
    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as { database: { readReplica: string } };
    expect(health.database.readReplica).toBe('reachable');
  });
});
