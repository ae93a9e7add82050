import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
const HOST = 'news.landport.test';
const VIEW = { crossing: DANDONG, metric: 'queue_vehicles', vehicleClass: 'truck', from: '2025-09', to: '2025-12' };

async function submit(overrides: Record<string, unknown>, approve = true) {
  const body = observationBody(overrides);
  await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
  if (approve) await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
}

const save = async (who: 'analyst' | 'admin', title: string, view: Record<string, unknown> = VIEW, description?: string) =>
  (await t.request.post('/api/views').set(t.as[who]).send({ title, view, ...(description === undefined ? {} : { description }) }).expect(201)).body;

const fieldPaths = (res: { body: { error: { details: { fields: { path: string }[] } } } }) =>
  res.body.error.details.fields.map((f) => f.path).sort();

beforeAll(async () => {
  // Embeds kept for a minute: an edit or an unpublishing must drop the kept copy, not wait for it to expire.
  t = await startTestApp({ embeds: { refreshSeconds: 30, cacheSeconds: 60, frameAncestors: "'self' https://news.example" } });
  await submit({ observedAt: '2025-10-04T08:00:00Z', value: 100 });
  await submit({ observedAt: '2025-11-20T08:15:00Z', value: 120 });
  // Newer, but not approved: no embed shows it, so it is not what the data is "as of".
  await submit({ observedAt: '2025-11-28T08:00:00Z', value: 500 }, false);
});
afterAll(() => t.cleanup());

describe('who may manage views', () => {
  it('lets only analysts and admins list, edit and unpublish', async () => {
    const { id } = await save('analyst', 'Roles');
    await t.request.get('/api/views').expect(401);
    await t.request.get('/api/views').set(t.as.observer).expect(403);
    await t.request.patch(`/api/views/${id}`).send({ title: 'x' }).expect(401);
    await t.request.patch(`/api/views/${id}`).set(t.as.observer).send({ title: 'x' }).expect(403);
    await t.request.delete(`/api/views/${id}`).expect(401);
    await t.request.delete(`/api/views/${id}`).set(t.as.observer).expect(403);
    // Refused callers changed nothing.
    expect((await t.request.get(`/api/views/${id}`).expect(200)).body.title).toBe('Roles');
    await t.request.get('/api/views').set(t.as.admin).expect(200);
    await t.request.patch(`/api/views/${id}`).set(t.as.admin).send({ title: 'Roles, by an admin' }).expect(200);
  });
});

describe('listing views', () => {
  it('lists published views newest first, with who saved them and how recent their approved data is', async () => {
    const first = await save('analyst', 'Dandong autumn', VIEW, 'Trucks waiting at the Friendship Bridge');
    const second = await save('admin', 'Dandong October', { ...VIEW, to: '2025-10' });
    const third = await save('analyst', 'Queue lengths', { metric: 'queue_length_m' });
    const res = await t.request.get('/api/views').set(t.as.analyst).set('Host', HOST).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const items = res.body.items as Record<string, unknown>[];
    expect(items.slice(0, 3).map((v) => v.id)).toEqual([third.id, second.id, first.id]);
    expect(items[2]).toMatchObject({
      title: 'Dandong autumn',
      description: 'Trucks waiting at the Friendship Bridge',
      view: { crossing: DANDONG, metric: 'queue_vehicles', vehicleClass: 'truck', from: '2025-09', to: '2025-12' },
      createdBy: { id: t.as.ids.analyst, displayName: 'Test analyst' },
      // The newest approved observation of the view (the pending one of Nov 28 does not count).
      dataAsOf: '2025-11-20T08:15:00.000Z',
      embedUrl: `http://${HOST}/embed/${first.id}`,
      unpublishedAt: null,
    });
    expect(items[2].embedCode).toContain(`src="http://${HOST}/embed/${first.id}"`);
    expect(items[2].createdAt).toBe(first.createdAt);
    expect(items[2].updatedAt).toBe(first.createdAt);
    // Its range ends in October: the November observation is not in it.
    expect(items[1]).toMatchObject({ createdBy: { id: t.as.ids.admin, displayName: 'Test admin' }, dataAsOf: '2025-10-04T08:00:00.000Z', description: null });
    expect(items[0].dataAsOf).toBeNull();
  });

  it('names a bad include', async () => {
    const res = await t.request.get('/api/views?include=everything').set(t.as.analyst).expect(400);
    expect(fieldPaths(res)).toEqual(['query.include']);
  });
});

describe('editing a view', () => {
  it('changes the title and description only, and the embed shows the new title at once', async () => {
    const saved = await save('analyst', 'Old title', VIEW);
    // The embed is computed and kept (for a minute here) before the edit.
    const before = await t.request.get(`/embed/${saved.id}/data.json`).expect(200);
    expect(before.body.title).toBe('Old title');
    const pageBefore = await t.request.get(`/embed/${saved.id}`).set('Host', HOST).expect(200);

    const res = await t.request.patch(`/api/views/${saved.id}`).set(t.as.analyst).send({ title: '  New <title>  ', description: 'Checked by the desk' }).expect(200);
    expect(res.body).toMatchObject({ id: saved.id, title: 'New <title>', description: 'Checked by the desk', view: saved.view, createdAt: saved.createdAt, unpublishedAt: null });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(saved.createdAt));
    expect(res.body.updatedAt).not.toBe(saved.updatedAt);

    const after = await t.request.get(`/embed/${saved.id}/data.json`).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.body.title).toBe('New <title>');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The view's settings are what they were: the same months and values.
    expect(after.body.months).toEqual(before.body.months);
    expect(after.body.activity).toEqual(before.body.activity);
    const page = await t.request.get(`/embed/${saved.id}`).set('Host', HOST).set('If-None-Match', pageBefore.headers.etag).expect(200);
    expect(page.text).toContain('<title>New &lt;title&gt; · landport</title>');
    const oembed = await t.request.get('/oembed').set('Host', HOST).query({ url: `http://${HOST}/embed/${saved.id}` }).expect(200);
    expect(oembed.body.title).toBe('New <title>');

    // The public read says it may change: caches revalidate (a 304 while nothing changed).
    // A fixed Host: the embed URL in the body is absolute, and supertest picks a new port per request.
    const pub = await t.request.get(`/api/views/${saved.id}`).set('Host', HOST).expect(200);
    expect(pub.headers['cache-control']).toBe('public, no-cache');
    expect(pub.body).toMatchObject({ title: 'New <title>', description: 'Checked by the desk' });
    expect(pub.body).not.toHaveProperty('createdBy');
    await t.request.get(`/api/views/${saved.id}`).set('Host', HOST).set('If-None-Match', pub.headers.etag).expect(304);

    // An empty description clears it.
    const cleared = await t.request.patch(`/api/views/${saved.id}`).set(t.as.analyst).send({ description: '' }).expect(200);
    expect(cleared.body).toMatchObject({ title: 'New <title>', description: null });
  });

  it('refuses bad input by field, and answers 404 for an unknown id', async () => {
    const { id } = await save('analyst', 'Validation');
    const patch = (body: unknown) => t.request.patch(`/api/views/${id}`).set(t.as.analyst).send(body as object);
    expect(fieldPaths(await patch({ title: '   ' }).expect(400))).toEqual(['title']);
    expect(fieldPaths(await patch({ title: 'x'.repeat(201), description: 'y'.repeat(1001) }).expect(400))).toEqual(['description', 'title']);
    expect(fieldPaths(await patch({ title: 7 }).expect(400))).toEqual(['title']);
    // The settings are not editable: naming them is refused, by name.
    const settings = await patch({ title: 'ok', view: { metric: 'wait_minutes' } }).expect(400);
    expect(settings.body.error.message).toContain('"view"');
    const empty = await patch({}).expect(400);
    expect(empty.body.error.message).toMatch(/title, description or both/);
    // Saving takes a description with the same limit.
    const long = await t.request.post('/api/views').set(t.as.analyst).send({ title: 'Long', description: 'y'.repeat(1001), view: VIEW }).expect(400);
    expect(fieldPaths(long)).toEqual(['description']);
    expect((await t.request.get(`/api/views/${id}`).expect(200)).body.title).toBe('Validation');
    await t.request.patch('/api/views/AAAAAAAAAA').set(t.as.analyst).send({ title: 'x' }).expect(404);
    await t.request.patch('/api/views/..%2Fx').set(t.as.analyst).send({ title: 'x' }).expect(404);
  });
});

describe('unpublishing a view', () => {
  it('answers 204 (again on a retry); its embed says it was unpublished, its data is gone, oEmbed knows it no more', async () => {
    const saved = await save('analyst', 'Soon <gone>', VIEW, 'To be withdrawn');
    // Kept by the embed service (and revalidated by browsers) before the unpublishing.
    const data = await t.request.get(`/embed/${saved.id}/data.json`).expect(200);
    await t.request.get(`/embed/${saved.id}`).expect(200);

    await t.request.delete(`/api/views/${saved.id}`).set(t.as.analyst).expect(204);
    await t.request.delete(`/api/views/${saved.id}`).set(t.as.admin).expect(204);

    const page = await t.request.get(`/embed/${saved.id}`).set('Host', HOST).expect(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self' https://news.example");
    expect(page.text).toContain('unpublished by its publisher');
    expect(page.text).not.toContain('gone>');
    expect(page.text).not.toContain('<script');
    const maxAge = Number(/max-age=(\d+)/.exec(page.headers['cache-control'])?.[1]);
    expect(maxAge).toBeLessThanOrEqual(300);

    const json = await t.request.get(`/embed/${saved.id}/data.json`).set('If-None-Match', data.headers.etag).expect(410);
    expect(json.body.error.code).toBe('unpublished');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    for (const path of ['data.csv', 'image.png', 'image.svg', 'basemap.json']) {
      expect((await t.request.get(`/embed/${saved.id}/${path}`).expect(410)).body.error.code).toBe('unpublished');
    }
    await t.request.get('/oembed').set('Host', HOST).query({ url: `http://${HOST}/embed/${saved.id}` }).expect(404);
    expect((await t.request.get(`/api/views/${saved.id}`).expect(410)).body.error.code).toBe('unpublished');
    await t.request.patch(`/api/views/${saved.id}`).set(t.as.analyst).send({ title: 'Back?' }).expect(410);

    // Gone from the list; listed, marked, when asked for.
    const listed = (await t.request.get('/api/views').set(t.as.analyst).expect(200)).body.items as { id: string }[];
    expect(listed.map((v) => v.id)).not.toContain(saved.id);
    const all = (await t.request.get('/api/views?include=unpublished').set(t.as.analyst).expect(200)).body.items as { id: string; unpublishedAt: string | null; title: string }[];
    const marked = all.find((v) => v.id === saved.id)!;
    expect(marked.title).toBe('Soon <gone>');
    expect(Date.parse(marked.unpublishedAt!)).toBeGreaterThanOrEqual(Date.parse(saved.createdAt));
    expect(all.filter((v) => v.unpublishedAt === null).map((v) => v.id)).toEqual(listed.map((v) => v.id));
  });

  it('keeps 404 for ids that never were', async () => {
    await t.request.delete('/api/views/AAAAAAAAAA').set(t.as.analyst).expect(404);
    const page = await t.request.get('/embed/AAAAAAAAAA').expect(404);
    expect(page.text).toContain('the embed was not found');
    expect((await t.request.get('/embed/AAAAAAAAAA/data.json').expect(404)).body.error.code).toBe('not_found');
    await t.request.get('/oembed').set('Host', HOST).query({ url: `http://${HOST}/embed/AAAAAAAAAA` }).expect(404);
    await t.request.get('/api/views/AAAAAAAAAA').expect(404);
  });
});
