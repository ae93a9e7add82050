// Where a bulk import's time goes on PostgreSQL: runImport (the product's commit path, without HTTP) over N
// synthetic rows (50 crossings, labeled synthetic), printing the Node process's CPU time, PostgreSQL's (every
// postgres process on this machine, so run it on a quiet one), the wall time, and the time spent in each kind
// of statement the import's session ran. Pass V8 flags to compare them, as the server's are chosen
// (server/runtime-flags.ts):
//   node --max-semi-space-size=8 --import tsx bench/import-cpu.ts postgresql://… 200000
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { openDatabase } from '../server/db/open-database.js';
import { applyMigrations } from '../server/db/migrate.js';
import type { SqlSession } from '../server/db/database.js';
import { runImport } from '../server/imports/run-import.js';
import { importOptions } from '../server/contracts/imports.js';

const admin = process.argv[2] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const rows = Number(process.argv[3] ?? 200_000);
const CROSSINGS = Array.from({ length: 50 }, (_, i) => `synthetic-cpu-${String(i + 1).padStart(2, '0')}`);

/** CPU time (ms) of every postgres process: the import's backend does nearly all of it. */
function postgresCpuMs() {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The session with every call timed, by its statement's first words. */
function timed(s: SqlSession, spent: Map<string, number>): SqlSession {
  const time = async <T>(sql: string, run: () => Promise<T>) => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const key = sql.replace(/\s+/g, ' ').trim().slice(0, 40);
      spent.set(key, (spent.get(key) ?? 0) + performance.now() - t0);
    }
  };
  return {
    exec: (sql) => time(sql, () => s.exec(sql)),
    query: (sql, params) => time(sql, () => s.query(sql, params)),
    copyFrom: (sql, data) => time(sql, () => s.copyFrom(sql, data)),
  };
}

const scratch = await createScratchDatabase(admin, 'landport_bench_cpu');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-import-cpu-'));
try {
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: tmp });
  await applyMigrations(db);
  await db.prisma.$executeRawUnsafe(`INSERT INTO crossings (id, name_en, country_a, country_b, kind, status, sources, updated_at)
    SELECT id, 'Synthetic crossing ' || right(id, 2), 'CN', 'KP', 'road', 'unknown', ARRAY['synthetic: bench/import-cpu.ts'], now() FROM unnest($1::text[]) AS id`, CROSSINGS);
  const user = await db.prisma.user.create({ data: { id: crypto.randomUUID(), email: 'cpu@bench.invalid', displayName: 'bench', role: 'admin', passwordHash: 'not a password' } });
  const file = path.join(tmp, 'rows.csv');
  const lines = ['crossingId,observedAt,metric,value,vehicleClass,method,source,notes'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${CROSSINGS[i % 50]},${new Date(Date.parse('2016-01-01T00:00:00Z') + i * 300_000).toISOString()},queue_vehicles,${i % 300},truck,synthetic,synthetic benchmark data (bench/import-cpu.ts),row ${i}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);

  const spent = new Map<string, number>();
  const withSession = db.withSession.bind(db);
  db.withSession = (fn, opts) => withSession((s) => fn(timed(s, spent)), opts);
  const [pg0, node0, t0] = [postgresCpuMs(), process.cpuUsage(), performance.now()];
  const report = await runImport(db, { path: file, name: 'rows.csv', sha256: '0'.repeat(64), format: 'csv' },
    importOptions.parse({ dryRun: false, mode: 'all' }), { userId: user.id, label: 'bench' }, { maxRows: rows });
  const wall = performance.now() - t0;
  const node = process.cpuUsage(node0);
  if (report.created !== rows) throw new Error(`created ${report.created} of ${rows}`);
  console.log(`node ${process.version} ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(default V8 heap flags)'}; ${rows.toLocaleString('en')} synthetic rows committed`);
  console.log(`  wall ${(wall / 1000).toFixed(1)} s (${Math.round(rows / (wall / 1000)).toLocaleString('en')} rows/s); CPU: Node ${((node.user + node.system) / 1e6).toFixed(1)} s, PostgreSQL ${((postgresCpuMs() - pg0) / 1000).toFixed(1)} s`);
  for (const [sql, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${sql}`);
  await db.close();
} finally {
  await scratch.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
