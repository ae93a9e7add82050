// Bulk upload rate: a 100,000-row CSV (synthetic, generated here with a seeded generator and
// labeled synthetic in every row) through POST /api/imports, dry run then commit, on the
// embedded database and, given an admin URL, on PostgreSQL.
// Usage: npx tsx bench/import.ts [postgresql://… admin URL] [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer } from '../server/test/spawn-server.js';

const ROWS = Number(process.argv[3] ?? 100_000);
const ADMIN = { email: 'bench@bench.invalid', password: 'bench-password-123' };
const CROSSINGS = ['cn-kp-dandong-sinuiju-friendship-bridge', 'cn-kp-quanhe-wonjong', 'cn-kp-changbai-hyesan', 'cn-kp-linjiang-junggang'];

function makeCsv(file: string) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = ['crossingId,observedAt,metric,value,vehicleClass,method,source,notes'];
  const start = Date.parse('2020-01-01T00:00:00Z');
  for (let i = 0; i < ROWS; i++) {
    const at = new Date(start + i * 17 * 60_000).toISOString();
    lines.push(`${CROSSINGS[i % CROSSINGS.length]},${at},queue_vehicles,${Math.floor(rand() * 200)},truck,synthetic,synthetic benchmark data,row ${i}`);
  }
  fs.writeFileSync(file, lines.join('\n'));
}

async function run(label: string, env: Record<string, string>, csvFile: string) {
  const server = await spawnServer({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_DATA: 'never' });
  try {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const body = fs.readFileSync(csvFile);
    for (const dryRun of [true, false]) {
      const form = new FormData();
      form.append('options', JSON.stringify({ dryRun, mode: 'all' }));
      form.append('file', new Blob([body], { type: 'text/csv' }), 'bench.csv');
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/imports`, { method: 'POST', headers: { Cookie: cookie }, body: form });
      const report = (await res.json()) as { rows: number; created: number; valid: number };
      const s = (performance.now() - t0) / 1000;
      console.log(`${label.padEnd(12)} ${dryRun ? 'dry run' : 'commit '}  ${report.rows} rows (${report.valid} valid, ${report.created} ${dryRun ? 'would be created' : 'created'}) in ${s.toFixed(1)} s = ${Math.round(report.rows / s).toLocaleString('en')} rows/s  [HTTP ${res.status}]`);
    }
  } finally {
    await server.stop();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-import-'));
const csv = path.join(dir, 'bench.csv');
makeCsv(csv);
console.log(`node ${process.version}, ${os.cpus().length} cores; ${ROWS.toLocaleString('en')}-row CSV, ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB`);
await run('embedded', { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' }, csv);
const admin = process.argv[2];
if (admin) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_import');
  try {
    await run('postgresql', { DATABASE_URL: scratch.url, DATA_DIR: path.join(dir, 'pgdata') }, csv);
  } finally {
    await scratch.drop();
  }
}
fs.rmSync(dir, { recursive: true, force: true });
