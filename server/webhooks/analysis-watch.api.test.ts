import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/seed-database.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { testDbKind } from '../test/test-database.js';
import { runAnalysisWatch } from './analysis-watch.js';

let t: TestApp;
const settings = { releaseLagDays: { US: 35, CN: 20 }, now: () => new Date('2026-12-01T00:00:00Z') };
const LAREDO = 'us-mx-port-2304';

beforeAll(async () => {
  t = await startTestApp({ seed: false });
  // The real data a new user gets: BTS truck counts at US–Mexico ports beside US Census trade, 2020–2021.
  await seedDatabase(t.db, 'never');
  await t.db.prisma.webhookEndpoint.create({
    data: { id: crypto.randomUUID(), url: 'http://127.0.0.1:9/hooks', events: ['anomaly.flagged', 'nowcast.changed'], secret: 'f'.repeat(64), createdById: t.as.ids.admin },
  });
}, 180_000);
afterAll(() => t.cleanup());

/** Inbound trucks at Laredo for one month, approved: what an analyst adds before customs publishes. */
async function approveLaredoMonth(month: string, value: number) {
  const id = crypto.randomUUID();
  const [y, m] = month.split('-').map(Number);
  const end = new Date(Date.UTC(y, m, 1)).toISOString();
  await t.request.post('/api/observations').set(t.as.analyst).send({
    id, crossingId: LAREDO, observedAt: end, period: { start: `${month}-01T00:00:00Z`, end },
    metric: 'crossed_vehicles', value, vehicleClass: 'truck', direction: { from: 'MX', to: 'US' }, method: 'field', source: 'analysis watch test',
  }).expect(201);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [id], action: 'approve' }).expect(200);
}

const events = async () => (await t.db.prisma.webhookDelivery.findMany({ orderBy: { createdAt: 'asc' } })).map((d) => JSON.parse(d.body));

describe('the analysis watch', () => {
  it('sets a silent baseline on its first look, then reports nothing while nothing changes', async () => {
    expect(await runAnalysisWatch(t.db.prisma, settings)).toBe(0);
    const keys = (await t.db.prisma.webhookWatchState.findMany()).map((s) => s.key);
    expect(keys).toContain('US-MX/imports/crossed_vehicles');
    expect(keys).toContain('US-MX/exports/crossed_vehicles');
    expect(await runAnalysisWatch(t.db.prisma, settings)).toBe(0);
    expect(await events()).toEqual([]);
  }, 60_000);

  it('queues nowcast.changed when a month without a customs figure gets activity', async () => {
    // January 2022 has no US import figure yet; with Laredo's count the nowcast gains that month. The count is
    // near the median of Laredo's previous 12 months (215,971.5), so no anomaly.
    await approveLaredoMonth('2022-01', 216000);
    expect(await runAnalysisWatch(t.db.prisma, settings)).toBe(1);
    const [e] = await events();
    expect(e).toMatchObject({
      type: 'nowcast.changed',
      data: { border: ['US', 'MX'], flow: 'imports', metric: 'crossed_vehicles', previous: [], current: [{ month: '2022-01', value: 32990477205 }] },
    });
    expect(e.data.current[0].low).toBeLessThan(32990477205);
  }, 60_000);

  it('queues anomaly.flagged for a crossing-month outside its band, once, even when two servers look at the same time', async () => {
    // About five times Laredo's usual month: far above median + 3 robust SDs of the 12 months before.
    await approveLaredoMonth('2022-02', 1_000_000);
    const second = testDbKind === 'postgres' ? await t.handle.open() : null;
    try {
      const queued = await Promise.all([runAnalysisWatch(t.db.prisma, settings), runAnalysisWatch(second?.prisma ?? t.db.prisma, settings)]);
      const flagged = (await events()).filter((e) => e.type === 'anomaly.flagged');
      expect(flagged).toHaveLength(1);
      expect(flagged[0].data).toMatchObject({ border: ['US', 'MX'], flow: 'imports', metric: 'crossed_vehicles', crossing: LAREDO, month: '2022-02', value: 1_000_000, direction: 'high' });
      expect(flagged[0].data.high).toBeLessThan(1_000_000);
      // The same month also entered the nowcast: one nowcast.changed, and one flag, across both looks.
      expect(queued[0] + queued[1]).toBe(2);
    } finally {
      await second?.close();
    }
    expect(await runAnalysisWatch(t.db.prisma, settings)).toBe(0);
  }, 90_000);
});
