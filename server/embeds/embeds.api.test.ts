import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrade } from '../seed/seed-trade.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
let viewId: string;
const HOST = 'news.landport.test';

async function submit(overrides: Record<string, unknown>, approve = true) {
  const body = observationBody(overrides);
  await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
  if (approve) await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
  return body.id;
}

beforeAll(async () => {
  // No reuse window: every request here sees the database as it is (the cache has its own unit test).
  t = await startTestApp({ embeds: { refreshSeconds: 30, cacheSeconds: 0, frameAncestors: "'self' https://news.example" } });
  await seedTrade(t.db.prisma);
  await submit({ observedAt: '2025-10-04T08:00:00Z', value: 100 });
  await submit({ observedAt: '2025-11-03T08:00:00Z', value: 110 });
  await submit({ observedAt: '2025-11-20T08:00:00Z', value: 130 });
  await submit({ observedAt: '2025-11-21T08:00:00Z', value: 5000, source: 'not yet reviewed' }, false);
  const saved = await t.request.post('/api/views').set(t.as.analyst).send({
    title: 'Trucks at <Dandong> & "friends"',
    view: { crossing: DANDONG, metric: 'queue_vehicles', vehicleClass: 'truck', from: '2025-09', to: '2025-12' },
  });
  viewId = saved.body.id;
});
afterAll(() => t.cleanup());

describe('embed data', () => {
  it('shows approved data only, with the headline, the summary sentence, the chart series and the sources', async () => {
    const res = await t.request.get(`/embed/${viewId}/data.json`).expect(200);
    const d = res.body;
    expect(d.months).toEqual(['2025-09', '2025-10', '2025-11', '2025-12']);
    expect(d.crossing).toBe(DANDONG);
    expect(d.month).toBe('2025-11');
    expect(d.activity).toEqual([null, 100, 120, null]);
    expect(d.headline).toEqual({ value: 120, change: 0.2, baseline: 'previous', synthetic: false });
    expect(d.summary).toBe('Trucks waiting at Sino-Korean Friendship Bridge (Dandong–Sinuiju), Nov 2025: 120, up 20 % on Oct');
    expect(d.sources.observations).toEqual(['test observer, riverside promenade']);
    expect(d.trade.reporter).toBe('CN');
    expect(d.trade.exports[2]).toBeGreaterThan(0);
    expect(d.sources.trade.length).toBeGreaterThan(0);
    expect(d.crossings.find((c: { id: string }) => c.id === DANDONG)).toMatchObject({ value: 120, change: 0.2 });
    expect(d.synthetic).toBe(false);
    // Anyone may read it from any page; it revalidates cheaply.
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    await t.request.get(`/embed/${viewId}/data.json`).set('If-None-Match', res.headers.etag).expect(304);
  });

  it('changes (and its validator with it) when an observation is approved', async () => {
    const before = await t.request.get(`/embed/${viewId}/data.json`);
    const id = await submit({ observedAt: '2025-12-02T08:00:00Z', value: 90 }, false);
    const pending = await t.request.get(`/embed/${viewId}/data.json`).set('If-None-Match', before.headers.etag);
    expect(pending.status).toBe(304);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [id], action: 'approve' }).expect(200);
    const after = await t.request.get(`/embed/${viewId}/data.json`).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.month).toBe('2025-12');
    expect(after.body.summary).toBe('Trucks waiting at Sino-Korean Friendship Bridge (Dandong–Sinuiju), Dec 2025: 90, down 25 % on Nov');
  });

  it('without a saved crossing, speaks of the busiest one; with no data, of none, and shows no trade', async () => {
    const save = async (view: Record<string, unknown>) =>
      (await t.request.post('/api/views').set(t.as.analyst).send({ title: 'Region', view }).expect(201)).body.id;
    const busiest = (await t.request.get(`/embed/${await save({ metric: 'queue_vehicles', to: '2025-11' })}/data.json`).expect(200)).body;
    expect(busiest.crossing).toBe(DANDONG);
    expect(busiest.month).toBe('2025-11');
    expect(busiest.trade.reporter).toBe('CN');
    const empty = (await t.request.get(`/embed/${await save({ metric: 'queue_length_m' })}/data.json`).expect(200)).body;
    expect(empty).toMatchObject({ crossing: null, month: null, months: [], trade: null, headline: { value: null } });
    expect(empty.summary).toBe('Queue length (metres) at the crossings shown: no approved observations yet');
    // A saved month with nothing approved says so for that month, not for the whole range.
    const quiet = (await t.request.get(`/embed/${await save({ crossing: DANDONG, metric: 'queue_vehicles', vehicleClass: 'truck', from: '2025-09', to: '2025-12', month: '2025-09' })}/data.json`)).body;
    expect(quiet.summary).toBe('Trucks waiting at Sino-Korean Friendship Bridge (Dandong–Sinuiju), Sep 2025: no approved observations');
  });

  it('offers the data shown as CSV', async () => {
    const res = await t.request.get(`/embed/${viewId}/data.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers["content-disposition"]).toBe(`attachment; filename=landport-${viewId}.csv`);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('series,month,crossing_id,crossing_name,trade_reporter,trade_partner,metric,vehicle_class,unit,aggregation,value,observations,synthetic,methods,sources');
    const activity = lines.filter((l) => l.startsWith('activity,'));
    const name = 'Sino-Korean Friendship Bridge (Dandong–Sinuiju)';
    // Sep: nothing approved; Oct: one field observation of 100; Nov: 110 and 130 (the 5,000 is pending); Dec: 90.
    expect(activity).toEqual([
      `activity,2025-09,${DANDONG},${name},,,queue_vehicles,truck,vehicles,mean,,,,,`,
      `activity,2025-10,${DANDONG},${name},,,queue_vehicles,truck,vehicles,mean,100,1,false,field,"test observer, riverside promenade"`,
      `activity,2025-11,${DANDONG},${name},,,queue_vehicles,truck,vehicles,mean,120,2,false,field,"test observer, riverside promenade"`,
      `activity,2025-12,${DANDONG},${name},,,queue_vehicles,truck,vehicles,mean,90,1,false,field,"test observer, riverside promenade"`,
    ]);
    // One row per month and trade flow beside them, China reporting its trade with the DPRK.
    expect(lines.filter((l) => /^(exports|imports),/.test(l)).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(
      ['2025-09', '2025-10', '2025-11', '2025-12'].flatMap((m) => [`exports,${m},,,CN,KP`, `imports,${m},,,CN,KP`]),
    );
    expect(lines).toHaveLength(1 + 4 * 3);
  });

  it('answers 404 in the one error shape for an unknown or malformed id', async () => {
    const res = await t.request.get('/embed/AAAAAAAAAA/data.json').expect(404);
    expect(res.body.error.code).toBe('not_found');
    await t.request.get('/embed/..%2Fetc/data.json').expect(404);
    // The page itself answers with a short HTML page: it shows inside a publisher's iframe.
    const page = await t.request.get('/embed/AAAAAAAAAA').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('the embed was not found');
  });
});

describe('embed CSV', () => {
  const KHASAN = 'ru-kp-khasan-tumangang';
  const RU_KP = { crossingId: KHASAN, metric: 'wait_minutes', direction: { from: 'RU', to: 'KP' } };

  it('has one row per month and series, each with the sources and methods of its own value only', async () => {
    // January: two field observations (30 and 50 minutes: a mean of 40); February: one camera reading of 20,
    // and a field observation still pending; March: nothing.
    await submit({ ...RU_KP, observedAt: '2025-01-10T06:00:00Z', value: 30, source: 'field team A' });
    await submit({ ...RU_KP, observedAt: '2025-01-20T06:00:00Z', value: 50, source: 'field team B' });
    await submit({ ...RU_KP, observedAt: '2025-02-11T06:00:00Z', value: 20, method: 'camera', source: 'bridge camera' });
    await submit({ ...RU_KP, observedAt: '2025-02-12T06:00:00Z', value: 99, source: 'field team A' }, false);
    // Russia's customs figures for its DPRK trade, one source a month; none for February's imports or March.
    const figure = (period: string, flow: 'export' | 'import', valueUsd: bigint, source: string) =>
      ({ periodKind: 'month' as const, period, reporter: 'RU', partner: 'KP', flow, valueUsd, source, basis: 'FCS' });
    await t.db.prisma.tradeFigure.createMany({
      data: [
        figure('2025-01', 'export', 1_200_000n, 'RU customs, January release'),
        figure('2025-01', 'import', 300_000n, 'RU customs, January release'),
        figure('2025-02', 'export', 1_500_000n, 'RU customs, February release'),
      ],
    });
    const id = (await t.request.post('/api/views').set(t.as.analyst).send({
      title: 'Waits at Khasan', view: { crossing: KHASAN, metric: 'wait_minutes', vehicleClass: 'truck', from: '2025-01', to: '2025-03' },
    }).expect(201)).body.id;

    const res = await t.request.get(`/embed/${id}/data.csv`).expect(200);
    const name = 'Korea–Russia Friendship Bridge (Khasan–Tumangang)';
    expect(res.text.split('\r\n')).toEqual([
      'series,month,crossing_id,crossing_name,trade_reporter,trade_partner,metric,vehicle_class,unit,aggregation,value,observations,synthetic,methods,sources',
      `activity,2025-01,${KHASAN},${name},,,wait_minutes,truck,minutes,mean,40,2,false,field,field team A; field team B`,
      'exports,2025-01,,,RU,KP,,,USD,sum,1200000,,false,,"RU customs, January release"',
      'imports,2025-01,,,RU,KP,,,USD,sum,300000,,false,,"RU customs, January release"',
      `activity,2025-02,${KHASAN},${name},,,wait_minutes,truck,minutes,mean,20,1,false,camera,bridge camera`,
      'exports,2025-02,,,RU,KP,,,USD,sum,1500000,,false,,"RU customs, February release"',
      'imports,2025-02,,,RU,KP,,,USD,sum,,,,,',
      `activity,2025-03,${KHASAN},${name},,,wait_minutes,truck,minutes,mean,,,,,`,
      'exports,2025-03,,,RU,KP,,,USD,sum,,,,,',
      'imports,2025-03,,,RU,KP,,,USD,sum,,,,,',
      '',
    ]);
    // The embed's one-line credit still names every source shown, most used first.
    const data = (await t.request.get(`/embed/${id}/data.json`).expect(200)).body;
    expect(data.sources.observations).toEqual(['bridge camera', 'field team A', 'field team B']);
  });
});

describe('embed page', () => {
  it('is framable only as configured, carries the oEmbed link, title, summary and data, and escapes user text', async () => {
    const res = await t.request.get(`/embed/${viewId}`).set('Host', HOST).expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self' https://news.example");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const html = res.text;
    const oembedHref = `http://${HOST}/oembed?url=${encodeURIComponent(`http://${HOST}/embed/${viewId}`)}&amp;format=json`;
    expect(html).toContain(`<link rel="alternate" type="application/json+oembed" href="${oembedHref}"`);
    expect(html).toContain('<title>Trucks at &lt;Dandong&gt; &amp; &quot;friends&quot; · landport</title>');
    expect(html).not.toContain('<Dandong>');
    expect(html).toContain(`og:image" content="http://${HOST}/embed/${viewId}/image.png?width=1200&amp;height=630"`);
    const json = /<script type="application\/json" id="landport-data">(.*?)<\/script>/s.exec(html)![1];
    expect(JSON.parse(json).title).toBe('Trucks at <Dandong> & "friends"');
    await t.request.get(`/embed/${viewId}`).set('Host', HOST).set('If-None-Match', res.headers.etag).expect(304);
    // Readers without JavaScript get the static image, described by the same sentence.
    const summary = JSON.parse(json).summary as string;
    const noscript = /<noscript>(.*?)<\/noscript>/s.exec(html)![1];
    expect(noscript).toMatch(new RegExp(`<img src="/embed/${viewId}/image\\.png\\?width=\\d+&amp;height=\\d+"[^>]* alt="([^"]+)"`));
    expect(/ alt="([^"]+)"/.exec(noscript)![1]).toBe(summary.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(summary.length).toBeGreaterThan(20);
    const csv = await t.request.get(`/embed/${viewId}/data.csv`).expect(200);
    await t.request.get(`/embed/${viewId}/data.csv`).set('If-None-Match', csv.headers.etag).expect(304);
  });

  it('lets only embed pages be framed, and opens CORS on embed data only', async () => {
    for (const path of ['/api/crossings', '/ogc', '/health']) {
      const res = await t.request.get(path);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    // Public data is readable from other sites (security-headers.api.test.ts); the rest is not.
    const health = await t.request.get('/health');
    expect(health.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
    const page = await t.request.get(`/embed/${viewId}`);
    expect(page.headers['x-frame-options']).toBeUndefined();
    // Publishers' pages load these from us: their browsers must be allowed to.
    for (const path of [`/embed/${viewId}`, `/embed/${viewId}/image.png`, `/embed/${viewId}/data.json`]) {
      expect((await t.request.get(path)).headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
  });

  it('refuses a Host header that is not a host name instead of writing it into the page', async () => {
    const res = await t.request.get(`/embed/${viewId}`).set('Host', 'evil.example"><script>alert(1)</script>').expect(400);
    expect(res.body.error.code).toBe('invalid_host');
  });
});

describe('oEmbed', () => {
  it('answers the oEmbed JSON for an embed URL within maxwidth and maxheight', async () => {
    const url = `http://${HOST}/embed/${viewId}`;
    const res = await t.request.get('/oembed').set('Host', HOST).query({ url, maxwidth: 500, maxheight: 400, format: 'json' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      version: '1.0', type: 'rich', provider_name: 'landport', title: 'Trucks at <Dandong> & "friends"', width: 500, height: 400,
      thumbnail_width: 500, thumbnail_height: 333,
    });
    expect(res.body.html).toContain(`<iframe src="${url}" title="Trucks at &lt;Dandong&gt; &amp; &quot;friends&quot;"`);
    expect(res.body.html).toContain(`<script async src="http://${HOST}/embed.js"></script>`);
    // The frame honours the box once it renders: no wider than maxwidth, never resized past maxheight.
    expect(res.body.html).toContain('width="500" height="400" style="border:0;width:100%;max-width:500px" loading="lazy" data-landport-embed data-landport-max-height="400"');
    const thumb = await t.request.get(new URL(res.body.thumbnail_url).pathname + new URL(res.body.thumbnail_url).search).expect(200);
    expect(await sharp(thumb.body).metadata()).toMatchObject({ format: 'png', width: 500, height: 333 });
  });

  it('keeps the thumbnail within maxwidth and maxheight, leaves it out when too small, and ignores parameters it does not know', async () => {
    const url = `http://${HOST}/embed/${viewId}`;
    const wide = await t.request.get('/oembed').set('Host', HOST).query({ url, maxwidth: 600, maxheight: 300, dnt: 1 }).expect(200);
    expect(wide.body).toMatchObject({ width: 600, height: 300, thumbnail_width: 450, thumbnail_height: 300 });
    const tiny = await t.request.get('/oembed').set('Host', HOST).query({ url, maxwidth: 150 }).expect(200);
    expect(tiny.body.width).toBe(150);
    expect(tiny.body).not.toHaveProperty('thumbnail_url');
  });

  it("keeps the embed's own flags from the URL on the iframe and drops everything else", async () => {
    const url = `http://${HOST}/embed/${viewId}?dark=true&plain&utm_source=x&locale=ko&static=<b>`;
    const res = await t.request.get('/oembed').set('Host', HOST).query({ url }).expect(200);
    expect(res.body.html).toContain(`<iframe src="http://${HOST}/embed/${viewId}?dark=true&amp;plain=&amp;locale=ko" `);
  });

  it('answers 404 for an unknown view or another site, 501 for xml, 400 without a url', async () => {
    await t.request.get('/oembed').set('Host', HOST).query({ url: `http://${HOST}/embed/AAAAAAAAAA` }).expect(404);
    await t.request.get('/oembed').set('Host', HOST).query({ url: `http://elsewhere.example/embed/${viewId}` }).expect(404);
    await t.request.get('/oembed').set('Host', HOST).query({ url: `http://${HOST}/embed/${viewId}`, format: 'xml' }).expect(501);
    const bad = await t.request.get('/oembed').query({ maxwidth: 'wide' }).expect(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.maxwidth', 'query.url']);
    // None of these is the server failing: warn lines, never error (level 50) lines.
    const oembedLines = t.logLines.map((l) => JSON.parse(l)).filter((l) => String(l.req?.url ?? '').startsWith('/oembed'));
    expect(oembedLines.filter((l) => l.res?.statusCode >= 400).map((l) => [l.res.statusCode, l.level])).toEqual([[404, 40], [404, 40], [501, 40], [400, 40]]);
  });
});

describe('static image', () => {
  it('renders a PNG of the requested size, small, and an SVG an XML parser accepts', async () => {
    const png = await t.request.get(`/embed/${viewId}/image.png`).query({ width: 800, height: 500 }).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.length).toBeLessThan(80_000);
    const meta = await sharp(png.body).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 800, height: 500 });
    // Not a blank canvas: land, water and symbols make several colours.
    const { channels } = await sharp(png.body).stats();
    expect(channels[0].max - channels[0].min).toBeGreaterThan(50);

    const svg = await t.request.get(`/embed/${viewId}/image.svg`).query({ width: 640, height: 400, dark: 'true' }).buffer(true).parse((res, cb) => {
      let s = '';
      res.on('data', (c: Buffer) => (s += c));
      res.on('end', () => cb(null, s));
    }).expect(200);
    const text = svg.body as string;
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"')).toBe(true);
    expect(text).toContain('<title>Trucks at &lt;Dandong&gt; &amp; &quot;friends&quot;</title>');
    // librsvg (through sharp) parses it as XML: a malformed document throws here.
    expect(await sharp(Buffer.from(text)).metadata()).toMatchObject({ format: 'svg', width: 640, height: 400 });
  });

  it('names a bad size', async () => {
    const res = await t.request.get(`/embed/${viewId}/image.png`).query({ width: 10, height: 'tall' }).expect(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.height', 'query.width']);
  });
});
