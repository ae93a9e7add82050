import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';
import { jpegWithExif } from '../test/test-photo.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const queue = (query: Record<string, string | number> = {}) => t.request.get('/api/review/queue').query(query).set(t.as.analyst);
const submitWithPhoto = (o: Record<string, unknown>, photo: Buffer) =>
  t.request.post('/api/submissions').set(t.as.observer).field('observation', JSON.stringify(observationBody(o))).attach('photos', photo, { filename: 'p.jpg', contentType: 'image/jpeg' });

describe('the review queue', () => {
  it('links a submission to the one with the same photo, at any time and value', async () => {
    const photo = await jpegWithExif('#884422', 300, 200);
    const first = await submitWithPhoto({ observedAt: '2024-03-01T08:00:00Z', value: 37 }, photo);
    const again = await submitWithPhoto({ observedAt: '2024-03-02T15:00:00Z', value: 61 }, photo);
    const unrelated = await submitWithPhoto({ observedAt: '2024-03-01T08:30:00Z', value: 52 }, await jpegWithExif('#228844', 300, 200));
    const items = (await queue({ crossing: DANDONG, limit: 200 })).body.items as { id: string; likelyDuplicates: { id: string; reasons: string[] }[] }[];
    const dupesOf = (id: string) => items.find((i) => i.id === id)!.likelyDuplicates;
    expect(dupesOf(again.body.observation.id)).toEqual([expect.objectContaining({ id: first.body.observation.id, reasons: ['same_photo'], value: 37 })]);
    expect(dupesOf(first.body.observation.id).map((d) => d.id)).toEqual([again.body.observation.id]);
    expect(dupesOf(unrelated.body.observation.id)).toEqual([]);
    // Once one of the pair is rejected it is no longer offered as the original.
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [first.body.observation.id], action: 'reject', reason: `Duplicate of ${again.body.observation.id}` }).expect(200);
    const after = (await queue({ crossing: DANDONG, limit: 200 })).body.items as typeof items;
    expect(after.find((i) => i.id === again.body.observation.id)!.likelyDuplicates).toEqual([]);
  });

  it('pages past 200 items without skipping or repeating, and counts them all', async () => {
    const made = Array.from({ length: 230 }, (_, i) => observationBody({ crossingId: 'cn-kp-quanhe-wonjong', observedAt: new Date(Date.UTC(2023, 0, 1, 0, i)).toISOString(), value: i }));
    const res = await t.request.post('/api/observations/batch').set(t.as.observer).send({ items: made });
    expect(res.body.summary.created).toBe(230);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await queue({ crossing: 'cn-kp-quanhe-wonjong', limit: 200, ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(230);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(made.map((o) => o.id));
    expect((await queue({ cursor: 'nonsense' })).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ t: '2023-01-01T00:00:00Z', id: 'not-a-uuid' })).toString('base64url');
    expect((await queue({ cursor: forged })).status).toBe(400);
  });

  it('filters by observer, method and age, and offers what can be filtered', async () => {
    await t.request.post('/api/observations').set(t.as.analyst).send(observationBody({ method: 'news', source: 'a news report', value: 3 })).expect(201);
    const byAnalyst = (await queue({ observer: t.as.ids.analyst })).body;
    expect(byAnalyst.total).toBe(1);
    expect(byAnalyst.items[0].method).toBe('news');
    expect((await queue({ method: 'news' })).body.total).toBe(1);
    expect((await queue({ method: 'field,news' })).body.total).toBeGreaterThan(200);
    // Everything here arrived in the last minutes: nothing is a day old.
    expect((await queue({ minAgeHours: 24 })).body.total).toBe(0);
    expect((await queue({ maxAgeHours: 1 })).body.total).toBeGreaterThan(200);
    const { facets } = (await queue()).body;
    expect(facets.observers).toEqual(expect.arrayContaining([{ id: t.as.ids.analyst, label: 'Test analyst', count: 1 }]));
    expect(facets.crossings).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'cn-kp-quanhe-wonjong', count: 230 })]));
    const bad = await queue({ method: 'telepathy', observer: 'me' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.method.0', 'query.observer']);
  });

  it("tells the observer a rejection's reason, only for their own observations", async () => {
    const mine = observationBody({ value: 999 });
    await t.request.post('/api/observations').set(t.as.observer).send(mine).expect(201);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [mine.id], action: 'reject', reason: 'the photo shows the rail bridge' }).expect(200);
    const own = await t.request.get('/api/observations').query({ status: 'rejected', ids: mine.id }).set(t.as.observer);
    expect(own.body.items).toEqual([expect.objectContaining({ id: mine.id, status: 'rejected', reviewReason: 'the photo shows the rail bridge' })]);
    expect((await t.request.get('/api/observations').query({ ids: mine.id })).body.items).toEqual([]);
    expect((await t.request.get('/api/observations').query({ ids: mine.id }).set(t.as.admin)).body.items[0].reviewReason).toBe('the photo shows the rail bridge');
    expect((await t.request.get('/api/observations').query({ ids: 'x' }).set(t.as.observer)).status).toBe(400);
  });
});
