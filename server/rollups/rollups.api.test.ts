import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const post = (o: Record<string, unknown>) => t.request.post('/api/observations').set(t.as.observer).send(observationBody(o));
  await post({ observedAt: '2025-09-02T08:00:00Z', value: 10 });
  await post({ observedAt: '2025-09-03T08:00:00Z', value: 20, direction: { from: 'KP', to: 'CN' } });
  await post({ observedAt: '2025-11-05T08:00:00Z', value: 7, vehicleClass: 'bus' });
  await post({ crossingId: 'cn-kp-quanhe-wonjong', observedAt: '2025-10-05T08:00:00Z', value: 3 });
});
afterAll(() => t.cleanup());

describe('GET /api/rollups/monthly', () => {
  it('gives every crossing with activity a value per month of the range, null where nothing was observed', async () => {
    const res = await t.request.get('/api/rollups/monthly').set(t.as.analyst).query({ metric: 'queue_vehicles' });
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2025-09', '2025-10', '2025-11']);
    const byId = Object.fromEntries(res.body.crossings.map((c: { id: string; values: unknown[] }) => [c.id, c.values]));
    expect(byId[DANDONG]).toEqual([
      { n: 2, sum: 30, mean: 15, max: 20, synthetic: false },
      null,
      { n: 1, sum: 7, mean: 7, max: 7, synthetic: false },
    ]);
    expect(byId['cn-kp-quanhe-wonjong']).toEqual([null, { n: 1, sum: 3, mean: 3, max: 3, synthetic: false }, null]);
  });

  it('applies the filters', async () => {
    const res = await t.request.get('/api/rollups/monthly').set(t.as.analyst)
      .query({ metric: 'queue_vehicles', direction: 'CN-KP', vehicleClass: 'truck', from: '2025-09', to: '2025-09' });
    expect(res.body.crossings).toEqual([{ id: DANDONG, values: [{ n: 1, sum: 10, mean: 10, max: 10, synthetic: false }] }]);
  });

  it('names bad parameters', async () => {
    const res = await t.request.get('/api/rollups/monthly').set(t.as.analyst).query({ metric: 'x', direction: 'china', to: '2025-00' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'query.direction', 'query.metric', 'query.to',
    ]);
  });
});
