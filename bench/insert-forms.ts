// Which statement form should the bulk import use underneath? The database side alone (no HTTP, parsing or
// validation): the same synthetic rows (labeled synthetic) inserted in one transaction, chunk by chunk,
//   1. one INSERT … SELECT FROM jsonb_to_recordset(…) ON CONFLICT (id) DO NOTHING per chunk, plus an audit event
//      per row (what a single submission does, and what the bulk import did before it used COPY);
//   2. COPY of the chunk into a temporary staging table, then INSERT … SELECT … ON CONFLICT (id) DO NOTHING (a plain
//      COPY cannot skip rows already there: the import's path for a chunk that meets ids already taken);
//   3. SAVEPOINT, then COPY straight into observations (the import's path for new rows,
//      server/observations/copy-observations.ts; the savepoint is what lets a chunk that meets a taken id fall back
//      to form 2);
//   4. raw COPY straight into observations: the ceiling (no idempotency, no audit).
// An import's rows get no audit event each (the import has one, server/imports/run-import.ts), so forms 2 and 3
// write none. Rollup triggers run in all four. Rows/s per form and chunk size, best of two rounds.
// Usage: npx tsx bench/insert-forms.ts postgresql://… [rows, default 200000]
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer } from '../server/test/spawn-server.js';

if (!process.argv[2]?.startsWith('postgres')) {
  console.error('usage: npx tsx bench/insert-forms.ts postgresql://… [rows]');
  process.exit(2);
}
const ROWS = Number(process.argv[3] ?? 200_000);
const scratch = await createScratchDatabase(process.argv[2], 'landport_bench_forms');
await (await spawnServer({ DATABASE_URL: scratch.url, DEMO_DATA: 'never', ADMIN_EMAIL: 'a@b.invalid', ADMIN_PASSWORD: 'password-password-1' })).stop();
const c = new pg.Client({ connectionString: scratch.url });
await c.connect();
const CROSS = Array.from({ length: 50 }, (_, i) => `x-${i}`);
await c.query(`INSERT INTO crossings (id, name_en, country_a, country_b, kind, status, sources, updated_at) SELECT id, id, 'CN','KP','road','unknown', ARRAY['s'], now() FROM unnest($1::text[]) id`, [CROSS]);
const rows = (from: number, size: number) => Array.from({ length: size }, (_, k) => {
  const i = from + k;
  return { id: crypto.randomUUID(), crossing_id: CROSS[i % 50], observed_at: new Date(1.45e12 + i * 1e5).toISOString(), period_start: null, period_end: null, metric: 'queue_vehicles', value: i % 300, vehicle_class: 'truck', direction_from: null, direction_to: null, method: 'synthetic', source: 'synthetic bench', measure: null, source_url: null, retrieved_at: null, observer_lat: null, observer_lon: null, observer_accuracy_m: null, confidence: null, notes: `row ${i}`, submitted_by: 'bench', submitted_by_user_id: null, import_id: null, content_hash: 'a'.repeat(64) };
});
const COLS = 'id uuid, crossing_id text, observed_at timestamptz, period_start timestamptz, period_end timestamptz, metric "Metric", value float8, vehicle_class "VehicleClass", direction_from char(2), direction_to char(2), method "ObservationMethod", source text, measure text, source_url text, retrieved_at timestamptz, observer_lat float8, observer_lon float8, observer_accuracy_m float8, confidence float8, notes text, submitted_by text, submitted_by_user_id uuid, import_id uuid, content_hash char(64)';
const NAMES = COLS.split(', ').map((x) => x.split(' ')[0]).join(', ');
const audit = (ids: string[]) => c.query(`INSERT INTO audit_events (observation_id, actor_user_id, actor_label, action) SELECT x, null, 'bench', 'create' FROM unnest($1::uuid[]) x`, [ids]);
const csvCell = (v: unknown) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

type Chunk = ReturnType<typeof rows>;
/** COPY's CSV input for a chunk; with `updatedAt`, the row's time again as `updated_at` (straight into observations). */
const csvText = (chunk: Chunk, updatedAt = false) =>
  chunk.map((o) => Object.values(o).map(csvCell).join(',') + (updatedAt ? ',' + o.observed_at : '') + '\n').join('');
/** Rows/s of one form at one chunk size: all rows in one transaction, the table emptied first. */
async function rate(size: number, fn: (chunk: Chunk) => Promise<void>) {
  await c.query('TRUNCATE observations, audit_events, monthly_rollups CASCADE');
  await c.query('BEGIN');
  const t0 = performance.now();
  for (let i = 0; i < ROWS; i += size) await fn(rows(i, size));
  await c.query('COMMIT');
  return ROWS / ((performance.now() - t0) / 1000);
}
const forms: [string, (chunk: Chunk) => Promise<void>][] = [
  ['jsonb_to_recordset + audit per row (submissions)', async (chunk) => {
    const r = await c.query(`INSERT INTO observations (${NAMES}, updated_at) SELECT x.*, now() FROM jsonb_to_recordset($1::jsonb) AS x(${COLS}) ON CONFLICT (id) DO NOTHING RETURNING id::text`, [JSON.stringify(chunk)]);
    await audit(r.rows.map((x) => x.id));
  }],
  ['COPY to staging + INSERT SELECT (import, taken ids)', async (chunk) => {
    await c.query(`CREATE TEMP TABLE IF NOT EXISTS staging (${COLS}) ON COMMIT DROP`);
    await c.query('TRUNCATE staging');
    await pipeline(Readable.from([csvText(chunk)]), c.query(copyFrom(`COPY staging FROM STDIN WITH (FORMAT csv)`)));
    await c.query(`INSERT INTO observations (${NAMES}, updated_at) SELECT s.*, now() FROM staging s ON CONFLICT (id) DO NOTHING`);
  }],
  ['SAVEPOINT + COPY straight in (import, new rows)', async (chunk) => {
    await c.query('SAVEPOINT copy_straight_in');
    await pipeline(Readable.from([csvText(chunk, true)]), c.query(copyFrom(`COPY observations (${NAMES}, updated_at) FROM STDIN WITH (FORMAT csv)`)));
    await c.query('RELEASE SAVEPOINT copy_straight_in');
  }],
  ['raw COPY into observations (ceiling)', async (chunk) => {
    await pipeline(Readable.from([csvText(chunk, true)]), c.query(copyFrom(`COPY observations (${NAMES}, updated_at) FROM STDIN WITH (FORMAT csv)`)));
  }],
];
console.log(`${ROWS.toLocaleString('en')} synthetic rows per run, one transaction, best of 2 rounds; rows/s`);
const SIZES = [1000, 10000];
console.log(`${'form'.padEnd(56)}${SIZES.map((n) => `chunk ${n}`.padStart(14)).join('')}`);
for (const [label, fn] of forms) {
  const cells: string[] = [];
  for (const size of SIZES) {
    let best = 0;
    for (let round = 0; round < 2; round++) best = Math.max(best, await rate(size, fn));
    cells.push(Math.round(best).toLocaleString('en').padStart(14));
  }
  console.log(label.padEnd(56) + cells.join(''));
}
await c.end();
await scratch.drop();
