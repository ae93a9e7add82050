// The analysis of a large border: 100 crossings over 10 years (120 months) of monthly truck counts, beside
// 120 months of trade, on a scratch database. Prints the server time of GET /api/analysis (the service
// call, and the whole HTTP request with the response cache off), median and p95 of 30 runs, and what it read:
// the rollups (12,000 crossing-months), never raw observations. Every row it makes is synthetic, says so,
// and lives only in the scratch database, which is dropped at the end.
// Usage: npx tsx bench/analysis.ts [postgresql://admin-url | embedded]   (the goal: ≤ 50 ms of server time)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../server/app.js';
import { ANALYSED_FIELDS, getAnalysis } from '../server/analysis/analysis.service.js';
import { DEFAULT_RELEASE_LAG_DAYS } from '../server/analysis/nowcast.js';
import { openDatabase } from '../server/db/open-database.js';
import { applyMigrations } from '../server/db/migrate.js';
import { SYNTHETIC_SOURCE } from '../server/contracts/common.js';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { listBorderCrossings } from '../server/crossings/crossings.repo.js';
import { listMonthlyRollup } from '../server/rollups/monthly-rollup.repo.js';
import { loadPairTrade } from '../server/trade/pair-trade.js';

const target = process.argv[2] ?? process.env.BENCH_DATABASE_URL ?? 'embedded';
const CROSSINGS = 100;
const MONTHS = 120;
// 60 runs: this machine's speed varies by up to half between runs minutes apart, and a median of 60 steadies it.
const RUNS = 60;

const scratch = target.startsWith('postgres') ? await createScratchDatabase(target, 'landport_bench_analysis') : null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-analysis-'));
const db = await openDatabase({ databaseUrl: scratch?.url, dataDir });
try {
  await applyMigrations(db);
  // Two made-up countries, so nothing here can be read as a real border.
  await db.prisma.crossing.createMany({
    data: Array.from({ length: CROSSINGS }, (_, i) => ({
      id: `bench-${i}`, nameEn: `Bench crossing ${i} (synthetic)`, countryA: 'XA', countryB: 'XB', kind: 'road' as const,
      lat: 40 + i / 100, lon: 120 + i / 100, sources: [SYNTHETIC_SOURCE],
    })),
  });
  const monthStart = (m: number) => new Date(Date.UTC(2015, m, 1));
  const rows = [];
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let c = 0; c < CROSSINGS; c++) {
    for (let m = 0; m < MONTHS; m++) {
      rows.push({
        id: crypto.randomUUID(), crossingId: `bench-${c}`, observedAt: monthStart(m + 1), periodStart: monthStart(m), periodEnd: monthStart(m + 1),
        metric: 'crossed_vehicles' as const, value: Math.round(1000 * (1 + 0.3 * Math.sin(m / 6)) * (0.8 + 0.4 * rand())), vehicleClass: 'truck' as const,
        directionFrom: 'XB', directionTo: 'XA', method: 'synthetic' as const, source: SYNTHETIC_SOURCE, status: 'approved' as const,
        submittedBy: 'bench/analysis.ts', contentHash: crypto.randomBytes(32).toString('hex'),
      });
    }
  }
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 2000) await db.prisma.observation.createMany({ data: rows.slice(i, i + 2000) });
  await db.prisma.tradeFigure.createMany({
    data: Array.from({ length: MONTHS }, (_, m) => ({
      periodKind: 'month' as const, period: monthStart(m).toISOString().slice(0, 7), reporter: 'XA', partner: 'XB', flow: 'import' as const,
      valueUsd: BigInt(Math.round(5e8 * (1 + 0.3 * Math.sin(m / 6)) * (0.9 + 0.2 * rand()))), source: SYNTHETIC_SOURCE, basis: 'XA customs',
    })),
  });
  // Planner statistics, as autovacuum gathers them on a live database soon after a load this size: without
  // them the planner walks the primary key for these 12,000 rows instead of scanning the table (3× slower).
  await db.prisma.$executeRawUnsafe('ANALYZE');
  const buckets = await db.prisma.monthlyRollup.count();
  console.log(`${db.kind}: ${CROSSINGS} crossings × ${MONTHS} months = ${rows.length.toLocaleString('en')} observations, ${buckets.toLocaleString('en')} rollup buckets, ${MONTHS} trade months (made in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const q = { reporter: 'XA', partner: 'XB', flow: 'imports' as const, metric: 'crossed_vehicles' as const, vehicleClass: 'truck' as const };
  const settings = { releaseLagDays: DEFAULT_RELEASE_LAG_DAYS };
  const time = async (run: () => Promise<unknown>) => {
    await run();
    await run();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(RUNS / 2)], p95: ms[Math.ceil(RUNS * 0.95) - 1] };
  };
  const service = await time(() => getAnalysis(db.prisma, q, { status: 'approved' }, settings));
  console.log(`getAnalysis (service, reads rollups + trade):  median ${service.median.toFixed(1)} ms  p95 ${service.p95.toFixed(1)} ms  (${RUNS} runs)`);
  // Where the time goes: each read alone.
  {
    const ms = (r: { median: number; p95: number }) => `median ${r.median.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`;
    console.log(`  of which: rollups of the border's crossings ${ms(await time(() => listMonthlyRollup(db.prisma, { metric: 'crossed_vehicles', vehicleClass: 'truck', direction: 'XB-XA', scope: { status: 'approved' }, border: ['XA', 'XB'] })))}`);
    console.log(`  of which: trade figures ${ms(await time(() => loadPairTrade(db.prisma, 'XA', 'XB', { reporter: 'XA' })))}`);
    console.log(`  of which: the border's crossings ${ms(await time(() => listBorderCrossings(db.prisma, ['XA', 'XB'], ANALYSED_FIELDS)))}`);
  }
  // Server time of the whole request: from its arrival to the response's last byte handed to the socket
  // (so the test client's own gunzip and JSON parse, in this same process, are not counted).
  const app = createApp({ db, logger: pino({ level: 'silent' }), photoDir: dataDir, responseCacheSeconds: 0 });
  let served = 0;
  const request = supertest((req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    res.on('finish', () => (served = performance.now() - t0));
    app(req, res);
  });
  let body: { months: unknown[]; backtest: { evaluationMonths: unknown[] }; chosen: unknown } | null = null;
  const serverMs: number[] = [];
  const http = await time(async () => {
    const res = await request.get('/api/analysis').query(q);
    if (res.status !== 200) throw new Error(`GET /api/analysis: ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body;
    serverMs.push(served);
  });
  const server = serverMs.slice(2).sort((a, b) => a - b);
  console.log(`answer: ${body!.months.length} months, ${body!.backtest.evaluationMonths.length} evaluation months, chosen ${JSON.stringify(body!.chosen)}`);
  console.log(`GET /api/analysis (HTTP, cache off), server:  median ${server[Math.floor(RUNS / 2)].toFixed(1)} ms  p95 ${server[Math.ceil(RUNS * 0.95) - 1].toFixed(1)} ms  (${RUNS} runs; goal ≤ 50 ms)`);
  console.log(`  with the in-process client's round trip:   median ${http.median.toFixed(1)} ms  p95 ${http.p95.toFixed(1)} ms`);
} finally {
  await db.close();
  if (!process.env.BENCH_KEEP) await scratch?.drop();
  else if (scratch) console.log(`kept ${scratch.url}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
