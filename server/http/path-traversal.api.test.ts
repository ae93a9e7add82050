import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../test/malformed.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Path traversal against every route that reads or writes files: static files, photos, embeds (and what they load),
// and uploads (their file names). A secret file sits next to the static folder and the photo
// folder: no answer may contain it, and nothing may be written outside the folders meant for it.
const SECRET = `secret-${crypto.randomUUID()}`;
let t: TestApp;
let root: string;
let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-traversal-'));
  for (const dir of ['static', 'photos']) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, 'static', 'index.html'), '<!doctype html><title>app</title>');
  t = await startTestApp({ staticDir: path.join(root, 'static'), photoDir: path.join(root, 'photos') });
  loopback = await listenOnLoopback(t.app);
});
afterAll(async () => {
  loopback?.close();
  await t.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

const ESCAPES = [
  '../secret.txt', '..%2fsecret.txt', '%2e%2e%2fsecret.txt', '%2e%2e/secret.txt', '..%252fsecret.txt', '..\\secret.txt', '..%5csecret.txt',
  '....//secret.txt', '%c0%ae%c0%ae/secret.txt', '../../../../../../etc/passwd', '%2fetc%2fpasswd', 'secret.txt%00.jpg', '..;/secret.txt',
];
const PREFIXES = ['/', '/assets/', '/photos/', '/photos/ab/', '/embed/', '/embed/abcdefghij/', '/ogc/collections/', '/api/crossings/', '/api/views/'];

describe('path traversal', () => {
  it(`reads nothing outside its folders: ${ESCAPES.length * PREFIXES.length} crafted paths`, async () => {
    const leaks: string[] = [];
    for (const prefix of PREFIXES) {
      for (const escape of ESCAPES) {
        // fetch() would normalise the dots away: the request line is sent as written.
        const res = await rawGet(`${prefix}${escape}`);
        if (res.status >= 500 || res.body.includes(SECRET) || res.body.includes('root:x:0:0')) leaks.push(`${prefix}${escape} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('never writes an upload under the name it was given', async () => {
    const before = fs.readdirSync(root).sort();
    const res = await t.request.post('/api/imports').set(t.as.observer).field('options', '{"dryRun":true}')
      .attach('file', Buffer.from('crossingId,observedAt\n'), { filename: '../../escaped.csv', contentType: 'text/csv' });
    expect(res.status).toBeLessThan(500);
    expect(fs.readdirSync(root).sort()).toEqual(before);
    expect(fs.existsSync(path.join(os.tmpdir(), '..', 'escaped.csv'))).toBe(false);
  });
});

/** A GET whose path reaches the server byte for byte. */
async function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  const url = new URL(loopback.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
