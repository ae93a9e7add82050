// Bulk import vs raw COPY: the same synthetic rows (50 crossings, 10 years; generated here with a
// seeded generator and labeled synthetic in every row) through the product's bulk path
// (POST /api/imports: parse, validate, idempotency ids, audit, rollups) and through a raw COPY
// into the same table (with the same triggers), on PostgreSQL and on the embedded database.
// Two raw COPYs, one before the import and one after it:
// - of made-up rows: the same crossings, times and values with sequential ids, a constant hash and no
//   import or user (the only baseline before 2 December 2026, docs/performance.md);
// - of the very rows the import stored (copied out, the table emptied, copied back in one statement):
//   the same ids (spread by their content hash, as the idempotency ids are), the same columns, and the
//   references to the import and its user, whose foreign keys the database checks row by row.
// The machine is shared: on the embedded database each step's CPU seconds are printed too (PGlite
// runs in the process that calls it), which load on other cores changes less than the wall time; the
// import's are the server's, every thread (a large file is checked on a worker thread while PGlite writes).
// Usage: npx tsx bench/bulk-import.ts [postgresql://… admin URL] [rows on PostgreSQL] [rows embedded]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer, type RunningServer } from '../server/test/spawn-server.js';
import { heapOf, rssOf } from './server-memory.js';

const ADMIN = { email: 'bench@bench.invalid', password: 'bench-password-123' };
const CROSSINGS = Array.from({ length: 50 }, (_, i) => `synthetic-bench-${String(i + 1).padStart(2, '0')}`);
const START = Date.parse('2016-01-01T00:00:00Z');
const TEN_YEARS_MS = 3652 * 86_400_000;
const COPY_COLUMNS = 'id, crossing_id, observed_at, metric, value, vehicle_class, method, source, notes, status, submitted_by, content_hash, updated_at';

/** Row i of the synthetic set, the same for both paths. */
function row(i: number, rand: () => number) {
  return {
    crossing: CROSSINGS[i % CROSSINGS.length],
    at: new Date(START + Math.floor(rand() * TEN_YEARS_MS)).toISOString(),
    value: Math.floor(rand() * 300),
  };
}
const seeded = () => {
  let seed = 20261129;
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
};

function productCsv(file: string, rows: number) {
  const rand = seeded();
  const out = fs.createWriteStream(file);
  out.write('crossingId,observedAt,metric,value,vehicleClass,method,source,notes\n');
  for (let i = 0; i < rows; i++) {
    const r = row(i, rand);
    out.write(`${r.crossing},${r.at},queue_vehicles,${r.value},truck,synthetic,synthetic benchmark data (bench/bulk-import.ts),row ${i}\n`);
  }
  return new Promise((resolve) => out.end(resolve));
}

/** The same rows in COPY's CSV, as the database stores them (ids and hashes made up for the baseline). */
function* copyLines(rows: number) {
  const rand = seeded();
  for (let i = 0; i < rows; i++) {
    const r = row(i, rand);
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    yield `${id},${r.crossing},${r.at},queue_vehicles,${r.value},truck,synthetic,synthetic benchmark data (bench/bulk-import.ts),row ${i},pending,bench,${'0'.repeat(64)},${r.at}\n`;
  }
}

const crossingsSql = `INSERT INTO crossings (id, name_en, country_a, country_b, kind, status, sources, updated_at)
  SELECT id, 'Synthetic benchmark crossing ' || right(id, 2), 'CN', 'KP', 'road', 'unknown', ARRAY['synthetic: bench/bulk-import.ts'], now()
    FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING`;
const emptySql = 'TRUNCATE observations, audit_events, monthly_rollups, imports CASCADE';
/** Empties the table for the copy of the stored rows; the import and its user stay, for their foreign keys. */
const emptyObservationsSql = 'TRUNCATE observations, monthly_rollups CASCADE';

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSecondsOf(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

type Rate = { rowsPerSecond: number; cpuSeconds?: number };

/** `run`'s rate over `rows`, and the CPU seconds process `cpuOf` spent meanwhile when given. */
async function measure(rows: number, run: () => Promise<unknown>, cpuOf?: number): Promise<Rate> {
  const [cpu0, t0] = [cpuOf && cpuSecondsOf(cpuOf), performance.now()];
  await run();
  const seconds = (performance.now() - t0) / 1000;
  return { rowsPerSecond: rows / seconds, cpuSeconds: cpuOf ? cpuSecondsOf(cpuOf) - cpu0! : undefined };
}

async function productImport(baseUrl: string, file: string, rows: number) {
  // Signed in before the clock starts.
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseUrl }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const form = new FormData();
  // A commit, all or nothing (an import's options default to a dry run).
  form.append('options', JSON.stringify({ dryRun: false, mode: 'all' }));
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), 'bench.csv');
  return async () => {
    const res = await fetch(`${baseUrl}/api/imports`, { method: 'POST', headers: { Cookie: cookie, Origin: baseUrl }, body: form });
    const report = (await res.json()) as { created: number; rows: number; committed: boolean; dryRun: boolean };
    if (report.dryRun || !report.committed || report.created !== rows) throw new Error(`product import committed ${report.committed}, created ${report.created} of ${rows}: ${JSON.stringify(report).slice(0, 500)}`);
  };
}

function printRatio(label: string, rows: number, r: { madeUp: Rate; product: Rate; stored: Rate }, target: string) {
  const rate = (x: Rate, what: string) =>
    `${Math.round(x.rowsPerSecond).toLocaleString('en').padStart(7)} rows/s${x.cpuSeconds === undefined ? '' : `, ${x.cpuSeconds.toFixed(1)} s CPU${what}`}`;
  const pct = (copy: Rate) => `${((r.product.rowsPerSecond / copy.rowsPerSecond) * 100).toFixed(1)} %`;
  console.log(`${label}: ${rows.toLocaleString('en')} synthetic rows`);
  console.log(`  raw COPY, made-up rows:          ${rate(r.madeUp, '')} (sequential ids, no import or user)`);
  console.log(`  product bulk import:             ${rate(r.product, ' (the server, every thread)')} (HTTP upload, parse, validation, idempotency ids, audit event, rollups)`);
  console.log(`  raw COPY, the rows it stored:    ${rate(r.stored, '')}`);
  console.log(`  ratio product/COPY:  ${pct(r.madeUp)} of the made-up rows' COPY; ${pct(r.stored)} of the stored rows' COPY   (target ${target})`);
}

/** The server's RSS right after the import, then after 30 s idle: what the process gives back by itself. */
async function memoryAfter(server: RunningServer) {
  const right = rssOf(server.child.pid!);
  await new Promise((r) => setTimeout(r, 30_000));
  return `  server RSS right after the import: ${(right / 1e6).toFixed(0)} MB; after 30 s idle: ${(rssOf(server.child.pid!) / 1e6).toFixed(0)} MB (${await heapOf(server)})`;
}

/** Every row and the import's audit event are there (throws if not). */
async function checkStored(rows: number, one: (sql: string, params: unknown[]) => Promise<Record<string, number>>) {
  const stored = await one(`SELECT (SELECT count(*) FROM observations)::int AS n,
    (SELECT count(*) FROM audit_events WHERE action = 'observations.imported' AND (after->>'rowsCreated')::int = $1)::int AS audit`, [rows]);
  if (stored.n !== rows || stored.audit !== 1) throw new Error(`the import stored ${stored.n} of ${rows} rows and ${stored.audit} audit events for it`);
  return `  stored after the import: ${stored.n.toLocaleString('en')} observations; the import's audit event: recorded`;
}

const serverEnv = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_DATA: 'never', IMPORT_MAX_ROWS: '20000000', IMPORT_MAX_BYTES: '4000000000', LOG_LEVEL: 'info' };

async function onPostgres(admin: string, rows: number, csv: string) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_bulk');
  try {
    const server = await spawnServer({ ...serverEnv, DATABASE_URL: scratch.url });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await client.query(crossingsSql, [CROSSINGS]);
      const copyIn = (sql: string, from: NodeJS.ReadableStream) => pipeline(from, client.query(copyFrom(sql)));
      const madeUp = await measure(rows, () => copyIn(`COPY observations (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`, Readable.from(copyLines(rows))));
      await client.query(emptySql);
      const product = await measure(rows, await productImport(server.baseUrl, csv, rows));
      const memory = await memoryAfter(server);
      const check = await checkStored(rows, async (sql, params) => (await client.query(sql, params)).rows[0]);
      const storedRows = path.join(path.dirname(csv), 'pg-stored.copy');
      await pipeline(client.query(copyTo('COPY observations TO STDOUT')), fs.createWriteStream(storedRows));
      await client.query(emptyObservationsSql);
      const stored = await measure(rows, () => copyIn('COPY observations FROM STDIN', fs.createReadStream(storedRows)));
      fs.rmSync(storedRows);
      printRatio('PostgreSQL', rows, { madeUp, product, stored }, '≥ 50 %');
      console.log(memory);
      console.log(check);
    } finally {
      await client.end();
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}

async function embedded(rows: number, csv: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-bulk-'));
  // The server makes and migrates the folder; the raw COPYs have it to themselves (one process per folder).
  const alone = async <T>(fn: (db: PGlite) => Promise<T>) => {
    const db = await PGlite.create(path.join(dir, 'pg'));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  try {
    await (await spawnServer({ ...serverEnv, DATA_DIR: dir, DATABASE_URL: '' })).stop();
    const madeUp = await alone(async (db) => {
      await db.query(crossingsSql, [CROSSINGS]);
      const text = [...copyLines(rows)].join('');
      const rate = await measure(rows, () => db.query(`COPY observations (${COPY_COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([text]) }), process.pid);
      await db.query(emptySql);
      return rate;
    });
    const server = await spawnServer({ ...serverEnv, DATA_DIR: dir, DATABASE_URL: '' });
    let product: Rate;
    let memory: string;
    try {
      product = await measure(rows, await productImport(server.baseUrl, csv, rows), server.child.pid!);
      memory = await memoryAfter(server);
    } finally {
      await server.stop();
    }
    const [check, stored] = await alone(async (db) => {
      const check = await checkStored(rows, async (sql, params) => (await db.query<Record<string, number>>(sql, params)).rows[0]);
      const { blob } = await db.query("COPY observations TO '/dev/blob'");
      await db.query(emptyObservationsSql);
      return [check, await measure(rows, () => db.query("COPY observations FROM '/dev/blob'", [], { blob }), process.pid)] as const;
    });
    printRatio('embedded (PGlite)', rows, { madeUp, product, stored }, '≥ 70 %');
    console.log(memory);
    console.log(check);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const admin = process.argv[2];
const pgRows = Number(process.argv[3] ?? 1_000_000);
const embeddedRows = Number(process.argv[4] ?? 200_000);
console.log(`node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-csv-'));
try {
  if (admin) {
    const csv = path.join(tmp, 'pg.csv');
    await productCsv(csv, pgRows);
    await onPostgres(admin, pgRows, csv);
  } else console.log('PostgreSQL: skipped (pass an admin URL)');
  const csv = path.join(tmp, 'embedded.csv');
  await productCsv(csv, embeddedRows);
  await embedded(embeddedRows, csv);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
