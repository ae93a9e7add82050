import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/seed-database.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  await seedDatabase(t.db, 'never');
});
afterAll(() => t.cleanup());

describe('seed', () => {
  it('changes nothing when run a second time', async () => {
    const snapshot = async () => ({
      crossings: await t.db.prisma.crossing.findMany({ orderBy: { id: 'asc' } }),
      trade: await t.db.prisma.tradeFigure.findMany({ orderBy: { id: 'asc' } }),
      observations: await t.db.prisma.observation.count(),
    });
    const before = await snapshot();
    const result = await seedDatabase(t.db, 'never');
    expect(result.crossings).toEqual({ created: 0, updated: 0 });
    expect(result.trade.created).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('loads the real BTS truck counts as approved customs observations, once', async () => {
    const bts = await t.db.prisma.observation.groupBy({ by: ['method', 'status'], _count: true });
    // 6,703 rows of the extract: every one is an observation (the container measures too, kept out of rollups).
    expect(bts).toEqual([{ method: 'customs', status: 'approved', _count: 6703 }]);
    expect((await seedDatabase(t.db, 'never')).bts).toEqual({ created: 0, existing: 0 });
  });

  it('loads no demo observations on PostgreSQL or with "never", and marks them when asked', async () => {
    expect(await t.db.prisma.observation.count({ where: { method: 'synthetic' } })).toBe(0);
    const { demo } = await seedDatabase(t.db, 'always');
    expect(demo.created).toBeGreaterThan(1000);
    expect(await t.db.prisma.observation.count({ where: { NOT: { method: 'synthetic' } } })).toBe(6703);
    const again = await seedDatabase(t.db, 'always');
    expect(again.demo.created).toBe(0);
    const res = await t.request.get('/api/observations').set(t.as.analyst).query({ limit: 5 });
    for (const o of res.body.items) {
      expect(o.synthetic).toBe(true);
      expect(o.source).toMatch(/^synthetic demo/);
    }
    await t.db.prisma.observation.deleteMany({ where: { method: 'synthetic' } });
  });
});

describe('GET /api/trade/monthly', () => {
  it('returns 2025-11 with each figure and its source, other sources kept as alternatives', async () => {
    const res = await t.request.get('/api/trade/monthly').query({ from: '2025-11', to: '2025-11' });
    expect(res.status).toBe(200);
    const [nov] = res.body.months;
    expect(nov.period).toBe('2025-11');
    // Reuters ($244.0M) and AFP ($243.6M) both give exports: the more precise AFP figure wins.
    expect(nov.exports).toMatchObject({ valueUsd: 243600000, basis: 'GACC' });
    expect(nov.exports.source).toMatch(/^AFP via Free Malaysia Today/);
    expect(nov.imports).toMatchObject({ valueUsd: 37100000 });
    expect(nov.imports.source).toMatch(/^Reuters via Korea JoongAng Daily/);
    expect(nov.total).toMatchObject({ valueUsd: 281000000 });
    expect(nov.alternatives).toEqual([expect.objectContaining({ flow: 'export', valueUsd: 244000000 })]);
  });

  it('lists months without any figure as gaps, never zeros', async () => {
    // No source in data/ gives a figure for September to November 2024.
    const res = await t.request.get('/api/trade/monthly').query({ from: '2024-08', to: '2024-12' });
    expect(res.body.months.map((m: { period: string }) => m.period)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(res.body.missingMonths).toEqual(['2024-09', '2024-10', '2024-11']);
    const oct = res.body.months[2];
    expect([oct.exports, oct.imports, oct.total]).toEqual([null, null, null]);
  });

  it('refuses month 2025-13 with a 400 naming the parameter', async () => {
    const res = await t.request.get('/api/trade/monthly').query({ from: '2025-13' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['query.from']);
  });

  it('refuses a range that ends before it starts', async () => {
    const res = await t.request.get('/api/trade/monthly').query({ from: '2025-06', to: '2025-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].path).toBe('query.to');
  });
});

describe('GET /api/trade/annual', () => {
  it('returns the annual totals as reported, with month coverage beside them', async () => {
    const res = await t.request.get('/api/trade/annual').query({ from: '2025', to: '2025' });
    expect(res.status).toBe(200);
    const [y2025] = res.body.years;
    expect(y2025.total).toMatchObject({ valueUsd: 2730000000 });
    expect(y2025.total.source).toMatch(/^AFP/);
    expect(y2025.monthCoverage.of).toBe(12);
    expect(y2025.monthCoverage.monthsWithTotal).toBeLessThan(12);
  });

  it('prefers the GACC figure over a KOTRA compilation for the same year', async () => {
    const res = await t.request.get('/api/trade/annual').query({ from: '2024', to: '2024' });
    const [y2024] = res.body.years;
    expect(y2024.total).toMatchObject({ valueUsd: 2180000000, basis: 'GACC' });
    expect(y2024.alternatives).toEqual([expect.objectContaining({ flow: 'total', basis: 'KOTRA', valueUsd: 2640870000 })]);
    // Only KOTRA gives the split, so it is shown, and its basis says it is not GACC.
    expect(y2024.exports).toMatchObject({ valueUsd: 2299050000, basis: 'KOTRA' });
  });
});
