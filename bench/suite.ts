// `npm run bench [-- postgresql://admin-url]`: every benchmark of the performance issue, one after
// another, each printing its inputs, figures and ratios (see each file's header). Without a
// PostgreSQL URL, BENCH_DATABASE_URL is used; without either, the PostgreSQL parts are skipped.
// Every row it makes is synthetic and says so. Takes 20 minutes on a fast day and about an hour on a slow one
// on 2 cores, most of it generating the 10,000,000 rows.
import { spawnSync } from 'node:child_process';

const admin = process.argv[2] ?? process.env.BENCH_DATABASE_URL;
const steps: [string, string, string[]][] = [
  ['1. Bulk import: product path vs raw COPY (PostgreSQL 1M rows, embedded 200k)', 'bench/bulk-import.ts', [admin ?? '', '1000000', '200000']],
  ['1b. The insert statement underneath: jsonb_to_recordset, COPY to staging, COPY straight in, raw COPY (PostgreSQL, 100k rows)', 'bench/insert-forms.ts', admin ? [admin, '100000'] : []],
  ['1c. Why a bulk import defers its rollups: time per chunk in one long transaction (PostgreSQL)', 'bench/rollup-chunks.ts', admin ? [admin] : []],
  ['2–3, 5. Series and crossings summary under 50 connections vs a static file; 304s; memory (PostgreSQL, 10M rows)', 'bench/series-load.ts', admin ? [admin, '10000000'] : []],
  ['2–3, 5. The same on the embedded database (1M rows)', 'bench/series-load.ts', ['embedded', '1000000']],
  ['4. Embed: page weight, time to map idle, static image, 304 throughput', 'bench/embed.ts', []],
  ['4. Analyst map: time to idle and slider step (demo set and 1M rows on PostgreSQL)', 'bench/map.ts', admin ? [admin] : []],
  ['5. Start-up time and memory at idle, both databases', 'bench/startup.ts', admin ? [admin] : []],
  ['6. The analysis of a 100-crossing border over 10 years: server time (embedded, and PostgreSQL)', 'bench/analysis.ts', ['embedded']],
  ['6. The same on PostgreSQL', 'bench/analysis.ts', admin ? [admin] : []],
];
let failed = 0;
for (const [title, file, args] of steps) {
  console.log(`\n=== ${title}`);
  if ((file === 'bench/insert-forms.ts' || file === 'bench/rollup-chunks.ts' || (file === 'bench/analysis.ts' && !args.length)) && !admin) {
    console.log('skipped: PostgreSQL only (pass an admin URL)');
    continue;
  }
  const r = spawnSync('npx', ['tsx', file, ...args.filter(Boolean)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
