import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  // A built front end in miniature: what Vite writes, with the names it gives.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'embed'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>map</title>');
  fs.writeFileSync(path.join(dir, 'embed.js'), '/* resizer */');
  fs.writeFileSync(path.join(dir, 'assets', 'maplibre-Bb6pQUcN.js'), 'export {}');
  fs.writeFileSync(path.join(dir, 'assets', 'maplibre-worker.js'), 'export {}');
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
});
