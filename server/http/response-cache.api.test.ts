import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
const SERIES = `/api/series?crossing=${DANDONG}&metric=queue_vehicles`;

async function approved(value: number, day: string) {
  const body = observationBody({ observedAt: `2025-10-${day}T08:00:00Z`, value });
  await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
}

beforeAll(async () => {
  t = await startTestApp({ responseCacheSeconds: 60 });
  await approved(10, '01');
});
afterAll(() => t.cleanup());

describe('public read cache', () => {
  it('computes a public answer once, serves it gzipped with its ETag, and 304s a revalidation', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => t.request.get(SERIES)));
    expect(new Set(burst.map((r) => r.headers.etag)).size).toBe(1);
    expect(burst.every((r) => r.status === 200)).toBe(true);
    const first = burst[0];
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=360');
    expect(first.body.months.find((m: { month: string }) => m.month === '2025-10').activity.sum).toBe(10);
    await t.request.get(SERIES).set('If-None-Match', first.headers.etag).expect(304);

    // Within the window the public keeps the stored answer; an analyst sees the change at once.
    await approved(20, '02');
    const publicAgain = await t.request.get(SERIES).expect(200);
    expect(publicAgain.headers.etag).toBe(first.headers.etag);
    const analyst = await t.request.get(SERIES).set(t.as.analyst).expect(200);
    expect(analyst.headers['cache-control']).toBeUndefined();
    // Not from the cache, still compressed (compression() runs behind the cache for these routes; the series
    // here is under its 1 KB threshold, the crossings are not).
    const crossings = await t.request.get('/api/crossings').set(t.as.analyst).expect(200);
    expect(crossings.headers['cache-control']).toBeUndefined();
    expect(crossings.headers['content-encoding']).toBe('gzip');
    // A client that takes no gzip gets the same JSON, unzipped from what the cache keeps.
    const plain = await t.request.get(SERIES).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(first.headers.etag);
    expect(plain.body.months.find((m: { month: string }) => m.month === '2025-10').activity.sum).toBe(10);
    expect(analyst.body.months.find((m: { month: string }) => m.month === '2025-10').activity.sum).toBe(30);
  });

  it('never stores an error', async () => {
    const bad = `/api/series?crossing=${DANDONG}&metric=speed`;
    expect((await t.request.get(bad)).status).toBe(400);
    const again = await t.request.get(bad);
    expect(again.status).toBe(400);
    expect(again.body.error.details.fields[0].path).toBe('query.metric');
  });
});
