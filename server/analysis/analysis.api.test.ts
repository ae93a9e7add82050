import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/seed-database.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  // A fresh database as a new user gets it: reference data, the real BTS truck counts, no demo set.
  await seedDatabase(t.db, 'never');
}, 180_000);
afterAll(() => t.cleanup());

const usMx = { reporter: 'US', partner: 'MX', flow: 'imports', metric: 'crossed_vehicles', vehicleClass: 'truck' };

describe('GET /api/analysis on the real US–Mexico data', () => {
  it('finds inbound trucks tracking US imports from Mexico: level lag 0, r ≈ 0.895, n = 24', async () => {
    const res = await t.request.get('/api/analysis').query(usMx);
    expect(res.status).toBe(200);
    const b = res.body;
    expect([b.reporter, b.partner, b.flow, b.direction, b.synthetic]).toEqual(['US', 'MX', 'imports', 'MX-US', false]);
    const lag0 = b.correlations.find((c: { on: string; lag: number }) => c.on === 'level' && c.lag === 0);
    // Recomputed outside landport (Python, from the two CSV files): r = 0.8950222, n = 24.
    expect(lag0.n).toBe(24);
    expect(lag0.r).toBeCloseTo(0.8950222, 6);
    expect(lag0.ci95[0]).toBeLessThan(lag0.r);
    expect(lag0.ci95[1]).toBeGreaterThan(lag0.r);
    expect(b.months).toHaveLength(24);
    expect(b.months[0]).toMatchObject({ month: '2020-01', trade: 28202281911, crossingsReporting: 20 });
    expect(b.months[0].tradeSource).toMatch(/US-chartbook/);
  });
});

describe('GET /api/analysis: choices, gaps and refusals', () => {
  it('answers for one crossing, pairing it with the side that reports trade', async () => {
    const res = await t.request.get('/api/analysis').query({ crossing: 'us-mx-port-2304', vehicleClass: 'truck' });
    expect(res.status).toBe(200);
    // Laredo: the US reports US–Mexico trade; the crossing's inbound trucks against US imports.
    expect([res.body.reporter, res.body.partner, res.body.direction, res.body.crossing]).toEqual(['US', 'MX', 'MX-US', 'us-mx-port-2304']);
    expect(res.body.crossings).toEqual([{ id: 'us-mx-port-2304', name: 'Laredo, Texas' }]);
    expect(res.body.months.every((m: { crossingsReporting: number }) => m.crossingsReporting <= 1)).toBe(true);
  });

  it('says there is nothing to compare on a border without trade figures, with nulls, never zeros', async () => {
    const res = await t.request.get('/api/analysis').query({ reporter: 'US', partner: 'CA', vehicleClass: 'truck' });
    expect(res.status).toBe(200);
    expect(res.body.trade).toBeNull();
    expect(res.body.months.every((m: { trade: unknown }) => m.trade === null)).toBe(true);
    expect(res.body.correlations.every((c: { r: unknown; n: number }) => c.r === null && c.n === 0)).toBe(true);
    expect(res.body.chosen).toEqual({ model: null, lag: null, mape: null, naiveMape: null, verdict: 'insufficient-data' });
    expect(res.body.summary).toMatch(/no US–Canada trade figures are stored/);
  });

  it('refuses a query that names no border, an unknown crossing, or a pair with no crossing, naming the field', async () => {
    const fields = async (query: Record<string, string>) => {
      const res = await t.request.get('/api/analysis').query(query);
      expect(res.status).toBe(400);
      return res.body.error.details.fields.map((f: { path: string }) => f.path);
    };
    expect(await fields({ reporter: 'US' })).toEqual(['query.partner']);
    expect(await fields({ crossing: 'no-such-crossing' })).toEqual(['query.crossing']);
    expect(await fields({ reporter: 'US', partner: 'JP' })).toEqual(['query.partner']);
    expect(await fields({ reporter: 'US', partner: 'MX', flow: 'sideways' })).toEqual(['query.flow']);
  });

  it('nowcasts a month that has activity but no published figure, with its interval and expected date', async () => {
    // One more month of inbound trucks at Laredo, made by this test: January 2022 has no trade figure yet.
    const id = crypto.randomUUID();
    await t.request.post('/api/observations').set(t.as.analyst).send({
      id, crossingId: 'us-mx-port-2304', observedAt: '2022-02-01T00:00:00Z', period: { start: '2022-01-01T00:00:00Z', end: '2022-02-01T00:00:00Z' },
      metric: 'crossed_vehicles', value: 180000, vehicleClass: 'truck', direction: { from: 'MX', to: 'US' }, method: 'field', source: 'analysis API test',
    }).expect(201);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [id], action: 'approve' }).expect(200);
    const res = await t.request.get('/api/analysis').query(usMx);
    const b = res.body;
    expect(b.months.at(-1).month).toBe('2022-01');
    expect(b.chosen.verdict).toBe('naive-best');
    const [jan] = b.nowcast;
    // Naive: the last published figure (December 2021 imports, 32,990,477,205 USD), chained once.
    expect(jan).toMatchObject({ month: '2022-01', value: 32990477205, expectedPublication: '2022-03-07', overdue: true });
    expect(jan.low).toBeLessThan(jan.value);
    expect(jan.high).toBeGreaterThan(jan.value);
    expect(b.months.at(-1).nowcast).toEqual({ value: jan.value, low: jan.low, high: jan.high });
    expect(b.months.at(-1).trade).toBeNull();
  });

  it('is public, cached and described in the OpenAPI document with its answer', async () => {
    const first = await t.request.get('/api/analysis').query(usMx);
    expect(first.headers.etag).toBeTruthy();
    const again = await t.request.get('/api/analysis').query(usMx).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    const doc = (await t.request.get('/api/openapi.json')).body;
    const schema = doc.paths['/api/analysis'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['months', 'correlations', 'backtest', 'chosen', 'nowcast']));
    expect(doc.paths['/api/analysis'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['reporter', 'partner', 'crossing', 'flow', 'metric']));
  });

  it('lists the borders, opening on the US–Mexico one, which has real activity beside trade', async () => {
    const res = await t.request.get('/api/analysis/borders');
    expect(res.body.defaultBorder).toEqual(['US', 'MX']);
    const usMxBorder = res.body.borders.find((b: { countries: string[] }) => b.countries.join() === 'US,MX');
    expect(usMxBorder).toMatchObject({ crossings: 21, tradeReporter: 'US', tradeMonths: 24, syntheticOnly: false });
    // 24 months of BTS counts, and the month the nowcast test above added.
    expect(usMxBorder.realActivityMonths).toBe(25);
    expect(res.body.borders.find((b: { countries: string[] }) => b.countries.join() === 'CN,KP')).toMatchObject({ tradeReporter: 'CN', realActivityMonths: 0 });
  });
});

describe('GET /api/analysis never combines real and synthetic values', () => {
  it('runs on the demo set only when a border has nothing else, and says so; one real reading replaces it', async () => {
    await seedDatabase(t.db, 'always');
    const demo = await t.request.get('/api/analysis').query({ reporter: 'CN', partner: 'KP', flow: 'exports', vehicleClass: 'truck' });
    expect(demo.body.synthetic).toBe(true);
    expect(demo.body.summary).toMatch(/^Synthetic demo data, not evidence/);
    const body = {
      id: crypto.randomUUID(), crossingId: 'cn-kp-dandong-sinuiju-friendship-bridge', observedAt: '2025-06-30T23:00:00Z',
      period: { start: '2025-06-01T00:00:00Z', end: '2025-06-30T23:00:00Z' }, metric: 'crossed_vehicles', value: 2000,
      vehicleClass: 'truck', direction: { from: 'CN', to: 'KP' }, method: 'field', source: 'analysis API test, real count',
    };
    await t.request.post('/api/observations').set(t.as.analyst).send(body).expect(201);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
    const real = await t.request.get('/api/analysis').query({ reporter: 'CN', partner: 'KP', flow: 'exports', vehicleClass: 'truck', from: '2025-01', to: '2025-12' });
    expect(real.body.synthetic).toBe(false);
    expect(real.body.syntheticLeftOut).toBeGreaterThan(0);
    // Only the real month has activity: the demo months are left out, not summed with it.
    expect(real.body.months.filter((m: { activity: number | null }) => m.activity !== null)).toEqual([expect.objectContaining({ month: '2025-06', activity: 2000, crossingsReporting: 1 })]);
    // The map's rollup cell of that crossing-month is the real reading alone.
    const rollup = await t.request.get('/api/rollups/monthly').query({ metric: 'crossed_vehicles', from: '2025-06', to: '2025-06', direction: 'CN-KP' });
    const dandong = rollup.body.crossings.find((c: { id: string }) => c.id === 'cn-kp-dandong-sinuiju-friendship-bridge');
    expect(dandong.values[0]).toMatchObject({ n: 1, sum: 2000, synthetic: false });
  });
});

describe('an embed of a border view', () => {
  it('headlines a crossing of that border, pairs it with that border\'s trade and carries the analysis', async () => {
    const saved = await t.request.post('/api/views').set(t.as.analyst).send({
      title: 'Trucks into the US from Mexico',
      view: { border: 'US-MX', flow: 'imports', metric: 'crossed_vehicles', vehicleClass: 'truck', to: '2021-12' },
    }).expect(201);
    const data = (await t.request.get(`/embed/${saved.body.id}/data.json`)).body;
    expect(data.crossing).toMatch(/^us-mx-port-/);
    expect(data.crossings.every((c: { countries: string[]; value: number | null }) => c.countries.includes('MX') || c.value === null)).toBe(true);
    expect([data.trade.reporter, data.trade.partner]).toEqual(['US', 'MX']);
    expect(data.synthetic).toBe(false);
    expect(data.analysis).toMatchObject({ reporter: 'US', partner: 'MX', flow: 'imports', verdict: 'naive-best', synthetic: false });
    expect(data.analysis.summary).toMatch(/track US imports from Mexico \(r 0\.90, n 24\)/);
  });
});
