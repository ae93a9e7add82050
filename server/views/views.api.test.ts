import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

describe('saved views', () => {
  it('saves a view with a short id and returns the embed snippet; anyone can read it, revalidated with its ETag', async () => {
    const res = await t.request.post('/api/views').set(t.as.analyst).send({
      title: 'Trucks at Dandong "live" <2025>',
      view: { crossing: DANDONG, metric: 'queue_vehicles', from: '2024-01', to: '2025-12', camera: { zoom: 8, lat: 40.1, lng: 124.4 } },
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(res.body.view).toMatchObject({ crossing: DANDONG, month: null, baseline: 'previous' });
    expect(res.body.embedCode).toContain(`/embed/${res.body.id}"`);
    expect(res.body.embedCode).toContain('title="Trucks at Dandong &quot;live&quot; &lt;2025&gt;"');

    // A fixed Host: the embed URL in the body is absolute, and supertest picks a new port per request.
    const pub = await t.request.get(`/api/views/${res.body.id}`).set('Host', 'landport.test');
    expect(pub.status).toBe(200);
    expect(pub.body.title).toBe('Trucks at Dandong "live" <2025>');
    // A view's title may be edited and the view unpublished: caches revalidate it every time.
    expect(pub.headers['cache-control']).toBe('public, no-cache');
    expect(pub.body.embedUrl).toBe(`http://landport.test/embed/${res.body.id}`);
    const again = await t.request.get(`/api/views/${res.body.id}`).set('Host', 'landport.test').set('If-None-Match', pub.headers.etag);
    expect(again.status).toBe(304);
  });

  it('refuses a bad view by field, and answers 404 for an unknown id', async () => {
    const bad = await t.request.post('/api/views').set(t.as.analyst).send({ title: '', view: { metric: 'speed', month: '2025-13' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['title', 'view.metric', 'view.month']);
    await t.request.get('/api/views/AAAAAAAAAA').expect(404);
    await t.request.get('/api/views/..%2F..%2Fx').expect(404);
  });
});
