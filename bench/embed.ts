// Embed figures: page weight (what the browser transferred, and the same with gzip only),
// time from navigation to map idle, the static image (size and render time), and how many
// conditional requests per second the server answers with 304 (vs full 200s), on the embedded
// demo set (synthetic, labeled so in every row and on screen).
// Usage: npm run bench:embed   (builds the front end first)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { chromium, type Browser } from '@playwright/test';
import { measureBareMapLibre } from './bare-maplibre-page.js';
import { spawnServer } from '../server/test/spawn-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const ARGS = ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ADMIN = { email: 'bench-admin@landport.test', password: 'bench-admin-password-1' };
const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

async function saveView(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseUrl }, body: JSON.stringify(ADMIN) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const res = await fetch(`${baseUrl}/api/views`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: baseUrl },
    body: JSON.stringify({ title: 'Trucks queuing at Dandong (synthetic demo data)', view: { crossing: DANDONG, metric: 'queue_vehicles' } }),
  });
  if (!res.ok) throw new Error(`save view: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** One cold load (new context, empty cache): bytes on the wire per resource and time to map idle. */
async function load(browser: Browser, url: string, gzipOnly: boolean) {
  const context = await browser.newContext({ viewport: { width: 700, height: 700 }, extraHTTPHeaders: gzipOnly ? { 'Accept-Encoding': 'gzip' } : {} });
  const page = await context.newPage();
  const transfers: { url: string; bytes: number; encoding: string }[] = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes();
    const response = await request.response();
    transfers.push({ url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize, encoding: (await response?.headerValue('content-encoding')) ?? 'none' });
  });
  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (window as any).landportEmbed?.map?.loaded(), null, { timeout: 60_000 });
  await page.evaluate(() => new Promise<void>((r) => { const m = (window as any).landportEmbed.map; if (m.areTilesLoaded() && !m.isMoving()) { m.once('idle', () => r()); m.triggerRepaint(); } else m.once('idle', () => r()); }));
  const idleMs = Date.now() - start;
  await page.waitForTimeout(300);
  await context.close();
  return { idleMs, transfers };
}

async function throughput(url: string, headers: Record<string, string>, label: string) {
  const result = await autocannon({ url, connections: 50, duration: 10, headers });
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}×${(s as { count: number }).count}`).join(' ');
  console.log(`  ${label}: ${Math.round(result.requests.average).toLocaleString('en')} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${codes}; 50 connections, 10 s)`);
}

console.log(`node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; headless Chromium with SwiftShader (software WebGL), loopback`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-embed-'));
const server = await spawnServer({ DATA_DIR: dir, DATABASE_URL: '', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
try {
  const id = await saveView(server.baseUrl);
  const embedUrl = `${server.baseUrl}/embed/${id}`;
  console.log(`embed ${embedUrl} (embedded database, synthetic demo set)`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  for (const gzipOnly of [true, false]) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await load(browser, embedUrl, gzipOnly));
    const last = runs.at(-1)!;
    const total = last.transfers.reduce((s, t) => s + t.bytes, 0);
    console.log(gzipOnly ? 'page weight with Accept-Encoding: gzip (the budget: ≤ 350 KB):' : 'page weight as Chromium asks (br, gzip…):');
    for (const t of [...last.transfers].sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kb(t.bytes).padStart(9)}  ${t.encoding.padEnd(5)} ${t.url.replace(server.baseUrl, '')}`);
    console.log(`  total ${kb(total)} in ${last.transfers.length} requests (headers included)`);
    console.log(`  navigation → map idle, cold cache: median ${median(runs.map((r) => r.idleMs))} ms over ${runs.length} loads (${runs.map((r) => r.idleMs).join(', ')})`);
  }
  const bare = await measureBareMapLibre(browser, 5, { width: 600, height: 680 });
  console.log(`  for comparison, a bare MapLibre page at 600 × 680 (21 circles over water, bench/bare-maplibre-page.ts), same run: idle median ${bare.idle} ms (${bare.idleRuns.join(', ')}); first circles ${bare.drawn} ms`);
  await browser.close();

  console.log('static image:');
  for (const [w, h] of [[800, 500], [1200, 630], [600, 400]]) {
    const url = `${embedUrl}/image.png?width=${w}&height=${h}`;
    let t0 = performance.now();
    const first = Buffer.from(await (await fetch(url)).arrayBuffer());
    const coldMs = performance.now() - t0;
    t0 = performance.now();
    await (await fetch(url)).arrayBuffer();
    const warmMs = performance.now() - t0;
    console.log(`  PNG ${w}×${h}: ${kb(first.length)} (budget ≤ 80 KB), first render ${coldMs.toFixed(0)} ms, cached ${warmMs.toFixed(1)} ms`);
  }

  console.log('conditional requests (autocannon):');
  const data = await fetch(`${embedUrl}/data.json`);
  const page = await fetch(embedUrl);
  await throughput(`${embedUrl}/data.json`, { 'If-None-Match': data.headers.get('etag')! }, 'data.json with If-None-Match → 304');
  await throughput(`${embedUrl}/data.json`, { 'Accept-Encoding': 'gzip' }, 'data.json, full 200 (gzip)');
  await throughput(embedUrl, { 'If-None-Match': page.headers.get('etag')! }, 'embed page with If-None-Match → 304');
  await throughput(embedUrl, { 'Accept-Encoding': 'gzip' }, 'embed page, full 200 (gzip)');
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
