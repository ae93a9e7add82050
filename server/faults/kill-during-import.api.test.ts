import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseHandle, testDbKind, type TestDatabaseHandle } from '../test/test-database.js';
import { spawnServer, type RunningServer } from '../test/spawn-server.js';

// kill -9 of the server in the middle of a 100,000-row bulk import: after a restart either every row of the file
// is there or none (the file is one transaction), the rollups agree with the rows, and uploading the file again
// completes it — once.
const ROWS = 100_000;
const ADMIN = { email: 'admin@faults.invalid', password: 'faults-password-1' };
const SOURCE = 'fault test: kill -9 during import (made-up rows)';
const CROSSINGS = ['cn-kp-dandong-sinuiju-friendship-bridge', 'cn-kp-tumen-namyang-rail', 'cn-kp-quanhe-wonjong'];

let handle: TestDatabaseHandle;
let work: string;
let csv: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  handle = await createTestDatabaseHandle();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-kill-'));
  csv = path.join(work, 'rows.csv');
  const lines = ['crossingId,observedAt,metric,value,vehicleClass,method,source,notes'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < ROWS; i++) lines.push(`${CROSSINGS[i % 3]},${new Date(start + i * 60_000).toISOString()},queue_vehicles,${i % 250},truck,field,${SOURCE},row ${i}`);
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await server?.stop();
  await handle?.destroy();
  fs.rmSync(work, { recursive: true, force: true });
});

const start = () => spawnServer({ ...handle.env, DEMO_DATA: 'never', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, IMPORT_MAX_ROWS: String(ROWS), IMPORT_MAX_BYTES: '50000000' }, { keepLogs: false });

async function upload(s: RunningServer, onProgress?: (rows: number) => void) {
  const login = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: s.baseUrl }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const form = new FormData();
  form.append('options', JSON.stringify({ dryRun: false, mode: 'all' }));
  form.append('file', await fs.openAsBlob(csv, { type: 'text/csv' }), 'rows.csv');
  const res = await fetch(`${s.baseUrl}/api/imports`, { method: 'POST', headers: { Cookie: cookie, Origin: s.baseUrl, Accept: 'application/x-ndjson' }, body: form });
  let buffer = '';
  let last: { type: string; report?: { created: number; existing: number; committed: boolean } } | undefined;
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        last = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (last?.type === 'progress') onProgress?.((last as unknown as { rows: number }).rows);
      }
    }
  } catch {
    return undefined; // the connection died with the server
  }
  return last?.report;
}

/** Rows of the file in the database, and whether the rollups still add up to the rows, read with the server stopped. */
async function stored() {
  const db = await handle.open();
  try {
    const rows = await db.prisma.observation.count({ where: { source: SOURCE } });
    const [{ buckets, all }] = await db.withSession((s) => s.query<{ buckets: string; all: string }>(
      'SELECT (SELECT coalesce(sum(n), 0) FROM monthly_rollups)::text AS buckets, (SELECT count(*) FROM observations)::text AS all'));
    const imports = await db.prisma.import.count();
    return { rows, rollupsAgree: buckets === all, imports };
  } finally {
    await db.close();
  }
}

describe(`kill -9 during a ${ROWS.toLocaleString('en')}-row import (${testDbKind})`, () => {
  it('keeps all of the file or none, and a second upload completes it once', async () => {
    server = await start();
    const victim = server;
    let killedAt = 0;
    await upload(victim, (rows) => {
      if (!killedAt && rows >= 30_000) {
        killedAt = rows;
        victim.child.kill('SIGKILL');
      }
    });
    await new Promise((r) => (victim.child.exitCode !== null || victim.child.signalCode ? r(null) : victim.child.once('exit', r)));
    server = undefined;
    expect(killedAt).toBeGreaterThanOrEqual(30_000);
    expect(victim.child.signalCode).toBe('SIGKILL');

    const afterCrash = await stored();
    expect([0, ROWS]).toContain(afterCrash.rows);
    expect(afterCrash.rows).toBe(0); // killed at 30 % of one transaction: nothing of it may remain
    expect(afterCrash.imports).toBe(0);
    expect(afterCrash.rollupsAgree).toBe(true);

    server = await start();
    const report = await upload(server);
    expect(report).toMatchObject({ committed: true, created: ROWS, existing: 0 });
    const again = await upload(server);
    expect(again).toMatchObject({ committed: true, created: 0, existing: ROWS });
    await server.stop();
    server = undefined;
    expect(await stored()).toEqual({ rows: ROWS, rollupsAgree: true, imports: 1 });
  }, 600_000);
});
