// Why a bulk import defers its rollups (prisma/migrations/20261201000000_deferred_rollups): 400 chunks of
// 1,000 synthetic rows (labeled synthetic) inserted in one transaction, time per chunk as the transaction
// goes on, with the buckets bumped by every chunk and with them deferred to one flush at the end.
// Usage: npx tsx bench/rollup-chunks.ts postgresql://… admin URL
import pg from 'pg';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { openDatabase } from '../server/db/open-database.js';
import { applyMigrations } from '../server/db/migrate.js';

const admin = process.argv[2];
if (!admin) {
  console.error('usage: npx tsx bench/rollup-chunks.ts postgresql://… (an admin URL; a scratch database is made and dropped)');
  process.exit(2);
}
const CHUNKS = 400;
const chunkSql = `INSERT INTO observations (id, crossing_id, observed_at, metric, value, vehicle_class, method, source, notes, submitted_by, content_hash, updated_at)
  SELECT gen_random_uuid(), 'synthetic-chunks-' || (1 + g % 50), timestamptz '2016-01-01' + random() * interval '3652 days', 'queue_vehicles',
         g % 300, 'truck', 'synthetic', 'synthetic benchmark data (bench/rollup-chunks.ts)', 'made up, not evidence', 'bench', repeat('0', 64), now()
    FROM generate_series(1, 1000) g`;

async function run(defer: boolean) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_chunks');
  try {
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
    await applyMigrations(db);
    await db.close();
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    await c.query(`INSERT INTO crossings (id, name_en, country_a, country_b, kind, status, sources, updated_at)
      SELECT 'synthetic-chunks-' || g, 'Synthetic crossing ' || g, 'CN', 'KP', 'road', 'unknown', ARRAY['synthetic: bench/rollup-chunks.ts'], now()
        FROM generate_series(1, 50) g`);
    await c.query('BEGIN');
    if (defer) await c.query("SELECT set_config('landport.defer_rollups', 'on', true)");
    const perBlock: string[] = [];
    let t = performance.now();
    const started = t;
    for (let chunk = 1; chunk <= CHUNKS; chunk++) {
      await c.query(chunkSql);
      if (chunk % 50 === 0) {
        perBlock.push(((performance.now() - t) / 50).toFixed(1));
        t = performance.now();
      }
    }
    let flush = '';
    if (defer) {
      const f0 = performance.now();
      await c.query('SELECT monthly_rollups_flush_deferred()');
      flush = `, then the flush ${(performance.now() - f0).toFixed(0)} ms`;
    }
    await c.query('COMMIT');
    const total = (performance.now() - started) / 1000;
    console.log(`${defer ? 'deferred to the end ' : 'bumped every chunk  '} ms per chunk, chunks 1–50 … 351–400: ${perBlock.join(' ')}${flush}; ${Math.round((CHUNKS * 1000) / total).toLocaleString('en')} rows/s in all`);
    await c.end();
  } finally {
    await scratch.drop();
  }
}

console.log(`${CHUNKS} chunks of 1,000 synthetic rows in one transaction, PostgreSQL, rollup triggers on`);
await run(false);
await run(true);
