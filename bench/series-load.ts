// Read API under load: GET /api/series and the crossings summary over N synthetic observations
// (default 10,000,000: 50 crossings, 10 years; generated in the database with a fixed seed and
// labeled synthetic in every row) on PostgreSQL, 50 connections from autocannon in this process
// (the server is another process), beside the same response bytes served as a static file by the
// same server, and the same requests with If-None-Match (304). Server RSS idle and under load.
// Without a PostgreSQL URL it runs on the embedded database (PGlite) with the rows given (default 1,000,000).
// Usage: npm run build:app && npx tsx bench/series-load.ts [postgresql://… | embedded] [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer, type RunningServer } from '../server/test/spawn-server.js';
import { heapOf, rssOf } from './server-memory.js';

const admin = process.argv[2]?.startsWith('postgres') ? process.argv[2] : undefined;
const ROWS = Number(process.argv[3] ?? (admin ? 10_000_000 : 1_000_000));
const BATCH = 1_000_000;
const STATIC_DIR = path.resolve('app/dist');
if (!fs.existsSync(STATIC_DIR)) {
  console.error('app/dist is missing: npm run build:app first');
  process.exit(2);
}
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

async function load(server: RunningServer, label: string, url: string, headers: Record<string, string> = {}) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid!))), 200);
  // Without a callback autocannon returns its instance (an EventEmitter) made thenable; the types know only the promise.
  const run = autocannon({ url, connections: 50, duration: 10, headers: { 'Accept-Encoding': 'gzip', ...headers } }) as
    Promise<autocannon.Result> & autocannon.Instance;
  // autocannon's own summary has p90 and p97.5 but no p95: every response's time is kept to compute it exactly.
  const times: number[] = [];
  run.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const r = await run;
  clearInterval(sampler);
  const codes = Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => `${c}×${(s as { count: number }).count}`).join(' ');
  const p = percentiles(times);
  console.log(`  ${label.padEnd(46)} ${Math.round(r.requests.average).toLocaleString('en').padStart(7)} req/s  p50 ${p(50)} ms  p95 ${p(95)} ms  p99 ${p(99)} ms  (${codes}; ${times.length.toLocaleString('en')} responses timed; server RSS peak ${mb(peak)})`);
  return r.requests.average;
}

/** Nearest-rank percentiles of the response times, in ms with one decimal. */
function percentiles(times: number[]) {
  const sorted = Float64Array.from(times).sort();
  return (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)].toFixed(1) : 'n/a');
}

console.log(`node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; autocannon, 50 connections, 10 s each`);
const CROSSINGS_SQL = `INSERT INTO crossings (id, name_en, country_a, country_b, kind, status, lat, lon, sources, updated_at)
  SELECT 'synthetic-load-' || lpad(g::text, 2, '0'), 'Synthetic load crossing ' || g, 'CN', 'KP', 'road', 'unknown', 40 + g * 0.01, 124 + g * 0.01,
         ARRAY['synthetic: bench/series-load.ts'], now() FROM generate_series(1, 50) g`;
const batchSql = (from: number, to: number) => `
  INSERT INTO observations (id, crossing_id, observed_at, metric, value, vehicle_class, method, source, notes, status, submitted_by, content_hash, updated_at)
  SELECT gen_random_uuid(), 'synthetic-load-' || lpad((1 + g % 50)::text, 2, '0'),
         timestamptz '2016-01-01' + random() * interval '3652 days', 'queue_vehicles', floor(random() * 300), 'truck', 'synthetic',
         'synthetic benchmark data (bench/series-load.ts)', 'made up, not evidence', 'approved', 'bench', md5(g::text) || md5((g + 7)::text), now()
    FROM generate_series(${from}, ${to}) g`;

/** Fills the database with the synthetic rows, batch by batch (the rollup triggers run per batch). */
async function generate(query: (sql: string) => Promise<unknown>) {
  const t0 = performance.now();
  await query(CROSSINGS_SQL);
  await query('SELECT setseed(0.2026)');
  for (let done = 0; done < ROWS; done += BATCH) {
    await query(batchSql(done + 1, done + Math.min(BATCH, ROWS - done)));
    process.stderr.write(`\r${(done + Math.min(BATCH, ROWS - done)).toLocaleString('en')} rows`);
  }
  // Vacuumed, analyzed and checkpointed before the clock starts: otherwise autovacuum's first pass over the new
  // rows and the checkpoint after them compete with the load for the same two cores.
  await query('VACUUM (ANALYZE)');
  await query('CHECKPOINT');
  process.stderr.write('\n');
  return (performance.now() - t0) / 1000;
}

// The server runs with the flags of `npm run serve` (server/runtime-flags.ts). Experiments on the server process
// only: MALLOC_ARENA_MAX, and SERVER_NODE_FLAGS (space-separated, after those flags, so --max-old-space-size=512
// wins; --cpu-prof --cpu-prof-dir=… for the profile bench/cpu-profile-summary.ts reads).
const arena: Record<string, string> = process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {};
const serverOpts = { keepLogs: false, nodeFlags: process.env.SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) };
let server: RunningServer;
let cleanup: () => Promise<void>;
let generatedIn: number;
if (admin) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_series');
  // Request logs stay on (info): they are part of what a production server does per request.
  server = await spawnServer({ DATABASE_URL: scratch.url, DEMO_DATA: 'never', ...arena }, serverOpts);
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  generatedIn = await generate((sql) => db.query(sql));
  await db.end();
  cleanup = async () => {
    await server.stop();
    await scratch.drop();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-series-'));
  // The server makes and migrates the folder; the rows go in while no server holds it.
  await (await spawnServer({ DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'never' })).stop();
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(dir, 'pg'));
  generatedIn = await generate((sql) => db.exec(sql));
  await db.close();
  server = await spawnServer({ DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'never', ...arena }, serverOpts);
  cleanup = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
const staticFile = path.join(STATIC_DIR, 'bench-series-copy.json');
try {
  {
    console.log(`${admin ? 'PostgreSQL' : 'embedded (PGlite)'}: ${ROWS.toLocaleString('en')} synthetic observations generated in ${generatedIn.toFixed(0)} s`);
    const series = `${server.baseUrl}/api/series?crossing=synthetic-load-07&metric=queue_vehicles`;
    const crossings = `${server.baseUrl}/api/crossings`;
    const first = await fetch(series);
    const body = Buffer.from(await first.arrayBuffer());
    fs.writeFileSync(staticFile, body);
    const crossingsRes = await fetch(crossings);
    const crossingsEtag = crossingsRes.headers.get('etag')!;
    await crossingsRes.arrayBuffer();
    console.log(`series response ${body.length} bytes, ETag ${first.headers.get('etag')}`);
    console.log(`server RSS at idle: ${mb(rssOf(server.child.pid!))} (${await heapOf(server)})`);
    const staticRate = await load(server, 'static file, same bytes (express.static)', `${server.baseUrl}/bench-series-copy.json`);
    const seriesRate = await load(server, 'GET /api/series', series);
    await load(server, 'GET /api/series, If-None-Match → 304', series, { 'If-None-Match': first.headers.get('etag')! });
    const crossingsRate = await load(server, 'GET /api/crossings (summary of every crossing)', crossings);
    await load(server, 'GET /api/crossings, If-None-Match → 304', crossings, { 'If-None-Match': crossingsEtag });
    console.log(`ratio series/static: ${((seriesRate / staticRate) * 100).toFixed(1)} %; crossings/static: ${((crossingsRate / staticRate) * 100).toFixed(1)} % (target ≥ 50 %, p95 ≤ 20 ms)`);
    console.log(`server RSS at idle after the load: ${mb(rssOf(server.child.pid!))} (${await heapOf(server)})`);
  }
} finally {
  fs.rmSync(staticFile, { force: true });
  await cleanup();
}
