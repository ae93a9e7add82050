import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrade } from '../seed/seed-trade.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedTrade(t.db.prisma);
  const post = (o: Record<string, unknown>) => t.request.post('/api/observations').set(t.as.observer).send(observationBody(o));
  await post({ observedAt: '2025-09-02T08:00:00Z', value: 10 });
  await post({ observedAt: '2025-09-20T08:00:00Z', value: 30 });
  await post({ observedAt: '2025-11-05T08:00:00Z', value: 7 });
  // Observed on 2025-11-30 local time in Korea, which is still November in UTC.
  await post({ observedAt: '2025-11-30T23:30:00+09:00', value: 5 });
  await post({ observedAt: '2025-11-06T08:00:00Z', value: 100, metric: 'wait_minutes' });
  await post({
    metric: 'crossed_vehicles',
    observedAt: '2025-11-01T00:00:00Z',
    period: { start: '2025-10-01T00:00:00Z', end: '2025-11-01T00:00:00Z' },
    value: 300,
  });
});
afterAll(() => t.cleanup());

describe('GET /api/series', () => {
  it('rolls observations up by month beside the trade figures, with empty months null', async () => {
    const res = await t.request.get('/api/series').set(t.as.analyst)
      .query({ crossing: DANDONG, metric: 'queue_vehicles', from: '2025-09', to: '2025-11' });
    expect(res.status).toBe(200);
    expect(res.body.trade).toEqual({ reporter: 'CN', partner: 'KP' });
    const [sep, oct, nov] = res.body.months;
    expect(sep).toMatchObject({
      month: '2025-09',
      activity: { observations: 2, sum: 40, mean: 20, max: 30, synthetic: false },
      trade: { exports: { valueUsd: 228100000 }, total: { valueUsd: 271000000 } },
    });
    expect(oct).toMatchObject({ month: '2025-10', activity: null, trade: { total: { valueUsd: 227000000 } } });
    expect(oct.trade.exports).toBeNull();
    expect(nov.activity).toMatchObject({ observations: 2, sum: 12, max: 7 });
  });

  it('puts a count in the month its period starts', async () => {
    const res = await t.request.get('/api/series').set(t.as.analyst)
      .query({ crossing: DANDONG, metric: 'crossed_vehicles', from: '2025-10', to: '2025-11' });
    expect(res.body.months.map((m: { activity: unknown }) => m.activity)).toEqual([
      { observations: 1, sum: 300, mean: 300, max: 300, synthetic: false },
      null,
    ]);
  });

  it('gives null trade for a crossing whose countries have no figures', async () => {
    const res = await t.request.get('/api/series').set(t.as.analyst)
      .query({ crossing: 'ru-kp-khasan-tumangang', metric: 'queue_vehicles', from: '2025-01', to: '2025-02' });
    expect(res.status).toBe(200);
    expect(res.body.trade).toBeNull();
    expect(res.body.months).toEqual([
      { month: '2025-01', activity: null, trade: null },
      { month: '2025-02', activity: null, trade: null },
    ]);
  });

  it('names the bad parameters', async () => {
    const res = await t.request.get('/api/series').set(t.as.analyst).query({ metric: 'speed', from: '2025-13' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'query.crossing',
      'query.from',
      'query.metric',
    ]);
    const unknown = await t.request.get('/api/series').set(t.as.analyst).query({ crossing: 'nowhere', metric: 'queue_vehicles' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].path).toBe('query.crossing');
  });
});
