import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-headers-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(dir, 'embed.js'), '/* resizer */');
  t = await startTestApp({ staticDir: dir });
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('security headers', () => {
  // Pages, API answers, errors, files: every kind of response the server makes.
  const everyKind = ['/', '/api/crossings', '/api/no-such-thing', '/api/series?crossing=x', '/api/docs', '/ogc', '/health', '/photos/abc', '/oembed?url=x'];

  it('sends a script-tight policy, no sniffing, no framing and a referrer policy on every kind of response', async () => {
    for (const url of everyKind) {
      const res = await t.request.get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-eval');
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('shares only what publishers load (embed pages, /embed.js, oEmbed) across origins', async () => {
    expect((await t.request.get('/embed.js')).headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await t.request.get('/oembed?url=x')).headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await t.request.get('/')).headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await t.request.get('/photos/abc')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('opens public read-only GETs to other sites (CORS without credentials, CORP cross-origin), never signed-in or write routes', async () => {
    for (const url of ['/ogc', '/ogc/collections/observations/items?limit=1', '/api/exports/observations.csv?method=camera', '/api/crossings', '/api/series?crossing=x', '/api/trade/monthly', '/api/analysis']) {
      const res = await t.request.get(url).set('Origin', 'https://news.example');
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
      expect(res.headers['access-control-expose-headers'], url).toContain('ETag');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
    }
    // A conditional GET from another site needs a preflight for If-None-Match: answered for GET only.
    const pre = await t.request.options('/api/crossings').set('Origin', 'https://news.example').set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'if-none-match');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('If-None-Match');
    const write = await t.request.options('/api/crossings').set('Origin', 'https://news.example').set('Access-Control-Request-Method', 'POST');
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
    for (const [method, url] of [['get', '/api/auth/me'], ['get', '/api/review/queue'], ['get', '/api/observations'], ['get', '/api/views'], ['post', '/api/imports'], ['post', '/api/observations'], ['get', '/api/admin/users'], ['get', '/photos/abc']] as const) {
      const res = await t.request[method](url).set('Origin', 'https://news.example');
      expect(res.headers['access-control-allow-origin'], `${method} ${url}`).toBeUndefined();
      expect(res.headers['cross-origin-resource-policy'], `${method} ${url}`).toBe('same-origin');
    }
  });
});
