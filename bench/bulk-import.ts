// Bulk import vs raw COPY: the same synthetic rows (50 crossings, 10 years; generated here with a
// seeded generator and labeled synthetic in every row) through the product's bulk path
// (POST /api/imports: parse, validate, idempotency ids, audit, rollups) and through a raw COPY
// into the same table (with the same triggers), on PostgreSQL and on the embedded database.
// Usage: npx tsx bench/bulk-import.ts [postgresql://… admin URL] [rows on PostgreSQL] [rows embedded]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

async function productImport(baseUrl: string, file: string, rows: number) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseUrl }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const form = new FormData();
  // A commit, all or nothing (an import's options default to a dry run).
  form.append('options', JSON.stringify({ dryRun: false, mode: 'all' }));
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), 'bench.csv');
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/imports`, { method: 'POST', headers: { Cookie: cookie, Origin: baseUrl }, body: form });
  const report = (await res.json()) as { created: number; rows: number; committed: boolean; dryRun: boolean };
  const s = (performance.now() - t0) / 1000;
  if (report.dryRun || !report.committed || report.created !== rows) throw new Error(`product import committed ${report.committed}, created ${report.created} of ${rows}: ${JSON.stringify(report).slice(0, 500)}`);
  return rows / s;
}

function printRatio(label: string, rows: number, copyRate: number, productRate: number) {
  console.log(`${label}: ${rows.toLocaleString('en')} synthetic rows`);
  console.log(`  raw COPY:            ${Math.round(copyRate).toLocaleString('en')} rows/s`);
  console.log(`  product bulk import: ${Math.round(productRate).toLocaleString('en')} rows/s (HTTP upload, parse, validation, idempotency ids, audit event, rollups)`);
  console.log(`  ratio product/COPY:  ${((productRate / copyRate) * 100).toFixed(1)} %   (target ≥ 50 % on PostgreSQL)`);
}

/** The server's RSS right after the import, then after 30 s idle: what the process gives back by itself. */
async function printMemory(server: RunningServer) {
  const right = rssOf(server.child.pid!);
  await new Promise((r) => setTimeout(r, 30_000));
  console.log(`  server RSS right after the import: ${(right / 1e6).toFixed(0)} MB; after 30 s idle: ${(rssOf(server.child.pid!) / 1e6).toFixed(0)} MB (${await heapOf(server)})`);
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
      const t0 = performance.now();
      await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`COPY observations (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`)));
      const copyRate = rows / ((performance.now() - t0) / 1000);
      await client.query(emptySql);
      const productRate = await productImport(server.baseUrl, csv, rows);
      printRatio('PostgreSQL', rows, copyRate, productRate);
      await printMemory(server);
      const { rows: [stored] } = await client.query(`SELECT (SELECT count(*) FROM observations)::int AS n,
        (SELECT count(*) FROM audit_events WHERE action = 'observations.imported' AND (after->>'rowsCreated')::int = $1)::int AS audit`, [rows]);
      console.log(`  stored after the import: ${stored.n.toLocaleString('en')} observations; the import's audit event: ${stored.audit === 1 ? 'recorded' : 'MISSING'}`);
      if (stored.n !== rows || stored.audit !== 1) throw new Error(`the import stored ${stored.n} of ${rows} rows and ${stored.audit} audit events for it`);
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
  try {
    // The server makes and migrates the folder; then the baseline has it to itself (one process per folder).
    await (await spawnServer({ ...serverEnv, DATA_DIR: dir, DATABASE_URL: '' })).stop();
    const db = await PGlite.create(path.join(dir, 'pg'));
    await db.query(crossingsSql, [CROSSINGS]);
    const text = [...copyLines(rows)].join('');
    const t0 = performance.now();
    await db.query(`COPY observations (${COPY_COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([text]) });
    const copyRate = rows / ((performance.now() - t0) / 1000);
    await db.query(emptySql);
    await db.close();
    const server = await spawnServer({ ...serverEnv, DATA_DIR: dir, DATABASE_URL: '' });
    try {
      const productRate = await productImport(server.baseUrl, csv, rows);
      printRatio('embedded (PGlite)', rows, copyRate, productRate);
      await printMemory(server);
    } finally {
      await server.stop();
    }
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
