import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const post = (o: Record<string, unknown>, as = t.as.observer) => t.request.post('/api/observations').set(as).send(observationBody(o));

describe('review', () => {
  it('keeps pending submissions from the public and other observers, shows them to the submitter and analysts', async () => {
    const body = observationBody({ notes: 'pending one' });
    await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
    await t.request.get(`/api/observations/${body.id}`).expect(404);
    await t.request.get(`/api/observations/${body.id}`).set(t.as.observer).expect(200);
    await t.request.get(`/api/observations/${body.id}`).set(t.as.analyst).expect(200);
    const publicList = await t.request.get('/api/observations').query({ crossing: DANDONG });
    expect(publicList.body.items.map((o: { id: string }) => o.id)).not.toContain(body.id);
    const rollup = await t.request.get('/api/rollups/monthly').query({ metric: 'queue_vehicles' });
    expect(rollup.body.crossings).toEqual([]);
  });

  it('lists the queue with distance to the crossing and likely duplicates', async () => {
    const a = observationBody({ observedAt: '2025-06-01T08:00:00Z', observer: { lat: 40.1145, lon: 124.393, accuracyM: 10 } });
    // Another reading of the same queue (a different value) is not a duplicate; the same value within 2 h is.
    const other = observationBody({ observedAt: '2025-06-01T08:40:00Z', value: 44 });
    const b = observationBody({ observedAt: '2025-06-01T09:30:00Z', value: 42 });
    const far = observationBody({ observedAt: '2025-06-01T13:00:00Z' });
    for (const o of [a, other, b, far]) await t.request.post('/api/observations').set(t.as.observer).send(o).expect(201);
    const res = await t.request.get('/api/review/queue').set(t.as.analyst);
    const item = res.body.items.find((i: { id: string }) => i.id === a.id);
    expect(item.distanceToCrossingM).toBeGreaterThan(200);
    expect(item.distanceToCrossingM).toBeLessThan(400);
    expect(item.likelyDuplicates).toEqual([{ id: b.id, reasons: ['same_value'], observedAt: b.observedAt.replace('Z', '.000Z'), value: 42, status: 'pending', submittedBy: 'Test observer' }]);
    expect(res.body.items.find((i: { id: string }) => i.id === other.id).likelyDuplicates).toEqual([]);
    expect(res.body.items.find((i: { id: string }) => i.id === far.id).likelyDuplicates).toEqual([]);
  });

  it('approves many at once, requires a reason to reject, and records every change in the audit trail', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const o = observationBody({ observedAt: `2025-07-0${i + 1}T08:00:00Z`, value: 10 + i });
      await t.request.post('/api/observations').set(t.as.observer).send(o).expect(201);
      ids.push(o.id);
    }
    const noReason = await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [ids[2]], action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].path).toBe('reason');

    const approve = await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: ids.slice(0, 2), action: 'approve' });
    expect(approve.body.results.map((r: { status: string }) => r.status)).toEqual(['approved', 'approved']);
    const reject = await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [ids[2]], action: 'reject', reason: 'photo shows another bridge' });
    expect(reject.body.results[0].status).toBe('rejected');
    const again = await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [ids[0], crypto.randomUUID()], action: 'approve' });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'not_found']);

    const publicIds = (await t.request.get('/api/observations').query({ crossing: DANDONG, limit: 1000 })).body.items.map((o: { id: string }) => o.id);
    expect(publicIds).toEqual(expect.arrayContaining(ids.slice(0, 2)));
    expect(publicIds).not.toContain(ids[2]);
    const rollup = await t.request.get('/api/rollups/monthly').query({ metric: 'queue_vehicles', from: '2025-07', to: '2025-07' });
    expect(rollup.body.crossings[0].values[0]).toMatchObject({ n: 2, sum: 21 });

    const audit = await t.request.get(`/api/observations/${ids[2]}/audit`).set(t.as.analyst);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create', 'reject']);
    expect(audit.body.items[1]).toMatchObject({
      actor: 'Test analyst',
      before: { status: 'pending', reviewReason: null },
      after: { status: 'rejected', reviewReason: 'photo shows another bridge' },
      reason: 'photo shows another bridge',
    });
    const stored = await t.request.get(`/api/observations/${ids[2]}`).set(t.as.analyst);
    expect(stored.body.status).toBe('rejected');
  });

  it('does not let an observer review', async () => {
    const res = await t.request.post('/api/review/decisions').set(t.as.observer).send({ ids: [crypto.randomUUID()], action: 'approve' });
    expect(res.status).toBe(403);
    void post;
  });
});

describe('queue checks in the review queue', () => {
  const QUANHE = 'cn-kp-quanhe-wonjong';
  it('checks a queue length against a count and a wait against Little\'s law, with the crossing\'s own spacing', async () => {
    const at = (min: number) => new Date(Date.parse('2025-12-02T08:00:00Z') + min * 60_000).toISOString();
    const count = observationBody({ crossingId: QUANHE, observedAt: at(0), metric: 'queue_vehicles', value: 40 });
    const length = observationBody({ crossingId: QUANHE, observedAt: at(20), metric: 'queue_length_m', value: 2500 });
    const wait = observationBody({ crossingId: QUANHE, observedAt: at(-10), metric: 'wait_minutes', value: 30 });
    // 60 trucks crossed in the hour around: 60 an hour.
    const crossed = observationBody({
      crossingId: QUANHE, observedAt: at(30), period: { start: at(-30), end: at(30) }, metric: 'crossed_vehicles', value: 60,
    });
    for (const o of [count, length, wait, crossed]) await t.request.post('/api/observations').set(t.as.observer).send(o).expect(201);
    const queue = async () => {
      const res = await t.request.get('/api/review/queue').set(t.as.analyst).query({ crossing: QUANHE });
      return new Map(res.body.items.map((i: { id: string; queueChecks: unknown[] }) => [i.id, i.queueChecks]));
    };
    let checks = await queue();
    // By hand: 40 trucks × 25 m = 1,000 m against 2,500 m measured: 2.5 times apart, more than 2.
    expect(checks.get(length.id)).toEqual([expect.objectContaining({ check: 'length-vs-count', observed: 2500, expected: 1000, agrees: false, from: [count.id] })]);
    // Little's law: 40 queued ÷ 60 an hour = 40 minutes against 30 measured: agrees.
    expect(checks.get(wait.id)).toEqual([expect.objectContaining({ check: 'wait-vs-littles-law', observed: 30, expected: 40, agrees: true, from: [count.id, crossed.id] })]);
    expect(checks.get(crossed.id)).toEqual([]);

    // Two lanes of 25 m: the same 40 trucks make 500 m, now 5 times apart.
    await t.request.patch(`/api/admin/crossings/${QUANHE}`).set(t.as.admin).send({ queueLanes: 2 }).expect(200);
    checks = await queue();
    expect(checks.get(length.id)).toEqual([expect.objectContaining({ expected: 500, timesApart: 5, agrees: false })]);
    // Nothing was changed by the checks.
    const stored = await t.db.prisma.observation.findUnique({ where: { id: length.id } });
    expect([stored?.value, stored?.status]).toEqual([2500, 'pending']);
  });
});
