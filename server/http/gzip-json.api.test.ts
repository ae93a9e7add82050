import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../test/raw-request.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
let client: Awaited<ReturnType<typeof rawClient>>;
beforeAll(async () => {
  t = await startTestApp();
  client = await rawClient(t.app);
});
afterAll(async () => {
  await client.close();
  await t.cleanup();
});
const raw = (method: 'GET' | 'HEAD', path: string, headers: Record<string, string>) => client.request(method, path, headers);

describe('JSON answers gzipped in one step (gzip-json.ts)', () => {
  it('sends gzip whose content is byte for byte the plain answer, with the same ETag, Vary and a length', async () => {
    const gz = await raw('GET', '/api/crossings', { 'Accept-Encoding': 'gzip' });
    const plain = await raw('GET', '/api/crossings', { 'Accept-Encoding': 'identity' });
    expect([gz.status, plain.status]).toEqual([200, 200]);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.headers.etag).toBe(plain.headers.etag);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.headers['content-type']).toBe(plain.headers['content-type']);
  });

  it('answers a matching If-None-Match with an empty 304, and HEAD with headers only', async () => {
    const first = await t.request.get('/api/crossings').set('Accept-Encoding', 'gzip').expect(200);
    const again = await t.request.get('/api/crossings').set('Accept-Encoding', 'gzip').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    const head = await raw('HEAD', '/api/crossings', { 'Accept-Encoding': 'gzip' });
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(head.body.length).toBe(0);
  });

  it('leaves errors and small answers as they were', async () => {
    const bad = await t.request.get('/api/series?metric=speed').set('Accept-Encoding', 'gzip').expect(400);
    expect(bad.headers['content-encoding']).toBeUndefined();
    expect(bad.body.error.details.fields.length).toBeGreaterThan(0);
  });
});
