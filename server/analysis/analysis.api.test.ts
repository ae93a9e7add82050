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
