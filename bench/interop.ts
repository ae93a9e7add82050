// Import rates of the real BTS extract (data/bts_border_crossing_trucks_2020_2021.csv, 6,703 rows)
// through POST /api/imports/bts, dry run, commit, then the same file again (all existing), on
// the embedded database and, given an admin URL, on PostgreSQL; and the trade file the same way.
// Usage: npx tsx bench/interop.ts [postgresql://… admin URL]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer } from '../server/test/spawn-server.js';

const ADMIN = { email: 'bench@bench.invalid', password: 'bench-password-123' };
const FILES = { bts: 'data/bts_border_crossing_trucks_2020_2021.csv', trade: 'data/cn_dprk_monthly_trade.csv' };

async function run(label: string, env: Record<string, string>) {
  const server = await spawnServer({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_DATA: 'never' });
  try {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.baseUrl }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    console.log(label);
    for (const kind of ['bts', 'trade'] as const) {
      const body = fs.readFileSync(FILES[kind]);
      // The trade file is the one the server seeds from data/ at start: its figures are all existing already.
      if (kind === 'trade') console.log('  (trade: data/cn_dprk_monthly_trade.csv, already seeded at start, so every figure is existing)');
      for (const [what, dryRun] of [['dry run', true], ['commit', false], ['again (all existing)', false]] as const) {
        const form = new FormData();
        form.append('options', JSON.stringify({ dryRun, retrievedAt: '2026-11-01' }));
        form.append('file', new Blob([body], { type: 'text/csv' }), path.basename(FILES[kind]));
        const t0 = performance.now();
        const res = await fetch(`${server.baseUrl}/api/imports/${kind}`, { method: 'POST', headers: { Cookie: cookie, Origin: server.baseUrl }, body: form });
        if (!res.ok) throw new Error(`${kind} ${what}: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
        const r = (await res.json()) as { rows: number; created: number; existing: number; committed: boolean };
        const s = (performance.now() - t0) / 1000;
        console.log(`  ${kind} ${what.padEnd(21)} ${r.rows} rows in ${s.toFixed(2)} s = ${Math.round(r.rows / s).toLocaleString('en')} rows/s (HTTP ${res.status}, created ${r.created}, existing ${r.existing})`);
      }
    }
  } finally {
    await server.stop();
  }
}

console.log(`node ${process.version}, ${os.cpus().length} cores; real files, through the HTTP API (upload included)`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-interop-'));
try {
  await run('embedded database (PGlite)', { DATA_DIR: dir, DATABASE_URL: '' });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const admin = process.argv[2];
if (admin) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_interop');
  try {
    await run('PostgreSQL', { DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
}
