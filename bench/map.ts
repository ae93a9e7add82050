// Analyst map figures: navigation → map idle, slider step redraw time, rollup response time,
// and the size of the app's JavaScript. Runs on the embedded demo set and, given a PostgreSQL
// admin URL, on 1,000,000 generated observations (synthetic, labeled so in every row).
// Usage: npx tsx bench/map.ts [postgresql://… admin URL]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer } from '../server/test/spawn-server.js';
import { measureBareMapLibre } from './bare-maplibre-page.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const ARGS = ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function measure(label: string, url: string) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/rollups/monthly?metric=queue_vehicles`);
  await res.arrayBuffer();
  const rollupMs = performance.now() - t0;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const idle: number[] = [];
  const firstDrawn: number[] = [];
  const steps: number[] = [];
  for (let run = 0; run < 5; run++) {
    // A new context each run: a cold cache, as a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(url);
    // First crossings drawn: a frame with crossing circles on screen (the goal: ≤ 2.0 s on the demo set).
    await page.waitForFunction(() => {
      const lp = (window as any).landport;
      return lp?.map.getLayer('crossings-circles') && lp.map.queryRenderedFeatures({ layers: ['crossings-circles'] }).length > 0;
    }, null, { timeout: 60_000, polling: 'raf' });
    firstDrawn.push(Date.now() - start);
    await page.waitForFunction(() => (window as any).landport?.map.getLayer('crossings-circles') && (window as any).landport.controller.lastStepMs !== null, null, { timeout: 60_000 });
    await page.evaluate(() => new Promise<void>((r) => { const m = (window as any).landport.map; m.once('idle', () => r()); m.triggerRepaint(); }));
    idle.push(Date.now() - start);
    const slider = page.getByRole('slider', { name: 'Month shown' });
    await slider.focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => ((window as any).landport.controller.lastStepMs = null));
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => (window as any).landport.controller.lastStepMs !== null);
      steps.push(await page.evaluate(() => (window as any).landport.controller.lastStepMs as number));
    }
    await context.close();
  }
  const bare = await measureBareMapLibre(browser);
  await browser.close();
  console.log(`${label}`);
  console.log(`  GET /api/rollups/monthly (all crossings, all months): ${rollupMs.toFixed(0)} ms`);
  console.log(`  navigation → first crossings drawn: median ${median(firstDrawn)} ms over ${firstDrawn.length} cold loads (${firstDrawn.join(', ')}; goal ≤ 2,000 ms)`);
  console.log(`  navigation → map idle: median ${median(idle)} ms over ${idle.length} loads (${idle.join(', ')})`);
  console.log(`  for comparison, a bare MapLibre page (21 circles over water, bench/bare-maplibre-page.ts), same run: first circles drawn median ${bare.drawn} ms (${bare.drawnRuns.join(', ')}), idle ${bare.idle} ms`);
  console.log(`  slider step → next rendered frame: median ${median(steps).toFixed(1)} ms, p95 ${p95(steps).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms over ${steps.length} steps`);
}

function jsSize() {
  const dir = 'app/dist/assets';
  let raw = 0;
  let gz = 0;
  for (const f of fs.readdirSync(dir).filter((n) => /\.m?js$/.test(n))) {
    const body = fs.readFileSync(path.join(dir, f));
    raw += body.length;
    gz += zlib.gzipSync(body, { level: 9 }).length;
    console.log(`  ${f}: ${(body.length / 1024).toFixed(0)} KiB, gzip ${(zlib.gzipSync(body, { level: 9 }).length / 1024).toFixed(0)} KiB`);
  }
  console.log(`  app JavaScript in all: ${(raw / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB (MapLibre's worker included)`);
}

console.log(`node ${process.version}, ${os.cpus().length} cores, headless Chromium with SwiftShader (software WebGL)`);
console.log('app bundle (npm run build:app first):');
jsSize();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-map-'));
const embedded = await spawnServer({ DATA_DIR: dir, DATABASE_URL: '' });
try {
  await measure('embedded database, synthetic demo set (~2,400 observations)', embedded.baseUrl);
} finally {
  await embedded.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const admin = process.argv[2];
if (admin) {
  const scratch = await createScratchDatabase(admin, 'landport_bench_map');
  const server = await spawnServer({ DATABASE_URL: scratch.url, DEMO_DATA: 'never' });
  try {
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const t0 = performance.now();
    // 1,000,000 synthetic queue counts over the 9 located crossings, 2016–2025, made up here.
    await db.query(`SELECT setseed(0.42)`);
    await db.query(`
      INSERT INTO observations (id, crossing_id, observed_at, metric, value, vehicle_class, method, source, notes,
                                status, submitted_by, content_hash, updated_at)
      SELECT gen_random_uuid(), c.id, timestamptz '2016-01-01' + (random() * interval '3652 days'),
             'queue_vehicles', floor(random() * 200), 'truck', 'synthetic',
             'synthetic benchmark data: made up, not evidence', 'bench/map.ts', 'approved', 'bench', md5(g::text) || md5(c.id), now()
        FROM generate_series(1, 111112) g
        CROSS JOIN (SELECT id FROM crossings WHERE lat IS NOT NULL) c`);
    await db.query('ANALYZE observations');
    const { rows } = await db.query('SELECT count(*)::int AS n FROM observations');
    console.log(`generated ${rows[0].n.toLocaleString('en')} synthetic observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.end();
    await measure(`PostgreSQL, ${rows[0].n.toLocaleString('en')} observations`, server.baseUrl);
  } finally {
    await server.stop();
    await scratch.drop();
  }
}
