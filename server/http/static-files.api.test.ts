import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../test/raw-request.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
let dir: string;
/** A built chunk big enough to be precompressed, and its copy as app/build/precompress.ts writes it. */
const CHUNK = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};`;

beforeAll(async () => {
  // A built front end in miniature: what Vite writes, with the names it gives.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'embed'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>map</title>');
  fs.writeFileSync(path.join(dir, 'embed.js'), '/* resizer */');
  fs.writeFileSync(path.join(dir, 'assets', 'maplibre-Bb6pQUcN.js'), 'export {}');
  fs.writeFileSync(path.join(dir, 'assets', 'maplibre-worker.js'), 'export {}');
  fs.writeFileSync(path.join(dir, 'assets', 'map-2C2_z5OB.js'), CHUNK);
  fs.writeFileSync(path.join(dir, 'assets', 'map-2C2_z5OB.js.gz'), zlib.gzipSync(CHUNK, { level: 9 }));
  fs.writeFileSync(path.join(dir, 'embed', 'index.html'), '<!doctype html><html><head><!--landport:head--></head><body><!--landport:body--></body></html>');
  t = await startTestApp({ staticDir: dir });
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('caches content-hashed assets for good and everything else with revalidation', async () => {
    const hashed = await t.request.get('/assets/maplibre-Bb6pQUcN.js').expect(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const fixed = await t.request.get('/assets/maplibre-worker.js').expect(200);
    expect(fixed.headers['cache-control']).toBe('public, max-age=0');
    const page = await t.request.get('/').expect(200);
    expect(page.headers['cache-control']).toBe('public, max-age=0');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('serves /embed.js to any site, briefly fresh and long stale-while-revalidate; a miss is not cached', async () => {
    const script = await t.request.get('/embed.js').expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
    expect(script.headers['access-control-allow-origin']).toBe('*');
    fs.renameSync(path.join(dir, 'embed.js'), path.join(dir, 'embed.js.off'));
    try {
      const missing = await t.request.get('/embed.js').expect(404);
      expect(missing.headers['cache-control'] ?? '').not.toContain('public');
    } finally {
      fs.renameSync(path.join(dir, 'embed.js.off'), path.join(dir, 'embed.js'));
    }
  });

  it('sends the precompressed copy to clients that take gzip, with the file\'s own type and cache headers', async () => {
    const client = await rawClient(t.app);
    try {
      const gz = await client.request('GET', '/assets/map-2C2_z5OB.js', { 'Accept-Encoding': 'gzip, deflate' });
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(gz.headers.vary).toBe('Accept-Encoding');
      expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(zlib.gunzipSync(gz.body).toString()).toBe(CHUNK);
      // A client that takes no gzip gets the file itself; caches are told the two differ.
      const plain = await client.request('GET', '/assets/map-2C2_z5OB.js', { 'Accept-Encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(CHUNK);
      expect(plain.headers['content-type']).toBe(gz.headers['content-type']);
      // The two are different bytes: different validators.
      expect(plain.headers.etag).not.toBe(gz.headers.etag);
      const head = await client.request('HEAD', '/assets/map-2C2_z5OB.js', { 'Accept-Encoding': 'gzip' });
      expect([head.status, head.body.length, head.headers['content-encoding']]).toEqual([200, 0, 'gzip']);
      // Files without a copy are compressed on the fly as before (or, this small, not at all).
      const small = await client.request('GET', '/assets/maplibre-worker.js', { 'Accept-Encoding': 'gzip' });
      expect(small.body.toString()).toBe('export {}');
    } finally {
      await client.close();
    }
  });
});
