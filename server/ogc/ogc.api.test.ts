import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

const run = promisify(execFile);
let t: TestApp;
let server: Server;
let base: string;
const approvedIds: string[] = [];
let pendingId: string;

beforeAll(async () => {
  t = await startTestApp();
  const submit = async (o: Record<string, unknown>) => {
    const body = observationBody(o);
    await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
    return body.id;
  };
  for (let day = 1; day <= 12; day++) approvedIds.push(await submit({ observedAt: `2025-10-${String(day).padStart(2, '0')}T08:00:00Z`, value: day }));
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: approvedIds, action: 'approve' }).expect(200);
  pendingId = await submit({ observedAt: '2025-10-20T08:00:00Z', value: 500 });
  // GDAL needs a real socket.
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

describe('OGC API – Features', () => {
  it('has a landing page, conformance classes and two collections with extents', async () => {
    const landing = await t.request.get('/ogc').expect(200);
    expect(landing.body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'service-desc', 'service-doc', 'conformance', 'data']);
    const conf = await t.request.get('/ogc/conformance').expect(200);
    expect(conf.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    const cols = await t.request.get('/ogc/collections').expect(200);
    expect(cols.body.collections.map((c: { id: string }) => c.id)).toEqual(['crossings', 'observations']);
    const obs = cols.body.collections[1];
    expect(obs.extent.temporal.interval).toEqual([['2025-10-01T08:00:00.000Z', '2025-10-12T08:00:00.000Z']]);
    expect(obs.links.find((l: { rel: string }) => l.rel === 'items').type).toBe('application/geo+json');
  });

  it('serves approved observations to the public and everything to an analyst, placed at the crossing', async () => {
    const pub = await t.request.get('/ogc/collections/observations/items').query({ limit: 100 }).expect(200);
    expect(pub.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(pub.body.features.map((f: { id: string }) => f.id).sort()).toEqual([...approvedIds].sort());
    const f = pub.body.features[0];
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [124.390579, 40.116438] });
    expect(f.properties).toMatchObject({ crossing_id: DANDONG, metric: 'queue_vehicles', status: 'approved' });
    expect(f.properties).not.toHaveProperty('observer_lat');
    const analyst = await t.request.get('/ogc/collections/observations/items').set(t.as.analyst).expect(200);
    expect(analyst.body.features.map((x: { id: string }) => x.id)).toContain(pendingId);
    await t.request.get(`/ogc/collections/observations/items/${pendingId}`).expect(404);
    await t.request.get(`/ogc/collections/observations/items/${pendingId}`).set(t.as.analyst).expect(200);
  });

  it('pages with next links that neither skip nor repeat, and filters by datetime and bbox', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/ogc/collections/observations/items?limit=5';
    while (url) {
      type Page = { body: { numberReturned: number; features: { id: string }[]; links: { rel: string; href: string }[] } };
      const page: Page = await t.request.get(url).expect(200);
      expect(page.body.numberReturned).toBe(page.body.features.length);
      seen.push(...page.body.features.map((f) => f.id));
      const next = page.body.links.find((l) => l.rel === 'next');
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);

    const days = await t.request.get('/ogc/collections/observations/items').query({ datetime: '2025-10-03/2025-10-05' }).expect(200);
    expect(days.body.features.map((f: { properties: { value: number } }) => f.properties.value).sort()).toEqual([3, 4, 5]);
    const open = await t.request.get('/ogc/collections/observations/items').query({ datetime: '../2025-10-02T08:00:00Z' }).expect(200);
    expect(open.body.features).toHaveLength(2);
    const instant = await t.request.get('/ogc/collections/observations/items').query({ datetime: '2025-10-07T08:00:00Z' }).expect(200);
    expect(instant.body.features.map((f: { properties: { value: number } }) => f.properties.value)).toEqual([7]);
    // A box across the antimeridian (west > east) still holds the Yalu; one that skips it does not.
    const wrapped = await t.request.get('/ogc/collections/crossings/items').query({ bbox: '120,39.9,-170,40.3' }).expect(200);
    expect(wrapped.body.features.map((f: { id: string }) => f.id)).toContain(DANDONG);
    const skipped = await t.request.get('/ogc/collections/crossings/items').query({ bbox: '170,39.9,-170,40.3' }).expect(200);
    expect(skipped.body.features).toHaveLength(0);
    const elsewhere = await t.request.get('/ogc/collections/observations/items').query({ bbox: '-120,30,-100,40' }).expect(200);
    expect(elsewhere.body.features).toHaveLength(0);
    const yalu = await t.request.get('/ogc/collections/crossings/items').query({ bbox: '124,39.9,124.6,40.3' }).expect(200);
    expect(yalu.body.features.map((f: { id: string }) => f.id).sort()).toEqual([DANDONG, 'cn-kp-dandong-sinuiju-new-yalu-bridge']);
  });

  it('names bad and unknown parameters with a 400, and answers 404 for unknown collections and features', async () => {
    const bad = await t.request.get('/ogc/collections/observations/items').query({ bbox: '1,2,3', datetime: 'yesterday', limit: 0, colour: 'red' }).expect(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query', 'query.bbox', 'query.datetime', 'query.limit']);
    // Crossings page by offset only; observations by cursor or offset, never both.
    await t.request.get('/ogc/collections/observations/items').query({ offset: 10, cursor: 'abc' }).expect(400);
    await t.request.get('/ogc/collections/crossings/items').query({ cursor: 'abc' }).expect(400);
    await t.request.get('/ogc/collections/crossings/items').query({ metric: 'queue_vehicles' }).expect(400);
    await t.request.get('/ogc/collections/observations/items').query({ metric: 'trucks' }).expect(400);
    await t.request.get('/ogc/collections/ports/items').expect(404);
    await t.request.get('/ogc/collections/crossings/items/no-such-crossing').expect(404);
    const one = await t.request.get(`/ogc/collections/crossings/items/${DANDONG}`).expect(200);
    expect(one.body.properties.name_en).toBe('Sino-Korean Friendship Bridge (Dandong–Sinuiju)');
  });

  it('is read by GDAL\'s OAPIF driver: both collections listed, every approved observation read', async () => {
    const list = await run('ogrinfo', ['-ro', '-q', `OAPIF:${base}/ogc`]);
    expect(list.stdout).toMatch(/crossings/);
    expect(list.stdout).toMatch(/observations/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-ogr-'));
    try {
      const out = path.join(dir, 'observations.geojson');
      await run('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${base}/ogc`, 'observations']);
      const written = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(written.features).toHaveLength(12);
      expect(written.features.map((f: { properties: { value: number } }) => f.properties.value).sort((a: number, b: number) => a - b))
        .toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const crossings = await run('ogrinfo', ['-ro', '-so', `OAPIF:${base}/ogc`, 'crossings']);
      expect(crossings.stdout).toMatch(/Feature Count: \d+|Geometry: Point/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages observations by offset too, and filters them by the queryables crossing, metric and method', async () => {
    const first = await t.request.get('/ogc/collections/observations/items').query({ limit: 5, offset: 0 }).expect(200);
    const next = first.body.links.find((l: { rel: string }) => l.rel === 'next').href as string;
    expect(new URL(next).searchParams.get('offset')).toBe('5');
    const pages = [first.body];
    for (let url: string | undefined = next; url; ) {
      const page: { body: { features: unknown[]; links: { rel: string; href: string }[] } } = await t.request.get(new URL(url).pathname + new URL(url).search).expect(200);
      pages.push(page.body);
      url = page.body.links.find((l: { rel: string }) => l.rel === 'next')?.href;
    }
    expect(pages.flatMap((p) => p.features.map((f: { id: string }) => f.id)).sort()).toEqual([...approvedIds].sort());
    const q = await t.request.get('/ogc/collections/observations/queryables').expect(200);
    expect(q.headers['content-type']).toMatch(/^application\/schema\+json/);
    expect(Object.keys(q.body.properties)).toEqual(['crossing_id', 'metric', 'method']);
    expect((await t.request.get('/ogc/collections/observations/items').query({ crossing_id: DANDONG, metric: 'queue_vehicles', method: 'field' })).body.numberReturned).toBe(12);
    expect((await t.request.get('/ogc/collections/observations/items').query({ crossing_id: 'cn-kp-quanhe-wonjong' })).body.numberReturned).toBe(0);
    expect((await t.request.get('/ogc/collections/observations/items').query({ method: 'camera' })).body.numberReturned).toBe(0);
  });

  it('publishes a JSON Schema per collection, linked as describedby, so GDAL keeps 12.5 when the first page holds whole numbers', async () => {
    const collection = await t.request.get('/ogc/collections/observations').expect(200);
    const link = collection.body.links.find((l: { rel: string }) => l.rel === 'describedby');
    expect(link).toMatchObject({ type: 'application/schema+json' });
    const schema = await t.request.get(new URL(link.href).pathname).expect(200);
    expect(schema.body.properties.value.type).toEqual(['number', 'null']);
    expect(schema.body.properties.observed_at).toMatchObject({ format: 'date-time', 'x-ogc-role': 'primary-instant' });
    // The oldest observation, so on the last page whatever the page size: a wait of 12.5 minutes.
    const body = observationBody({ observedAt: '2025-09-01T08:00:00Z', metric: 'wait_minutes', value: 12.5 });
    await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-ogr-'));
    try {
      const out = path.join(dir, 'observations.csv');
      await run('ogr2ogr', ['-f', 'CSV', out, '-oo', 'PAGE_SIZE=5', `OAPIF:${base}/ogc`, 'observations']);
      const info = await run('ogrinfo', ['-ro', '-so', '-oo', 'PAGE_SIZE=5', `OAPIF:${base}/ogc`, 'observations']);
      expect(info.stdout).toMatch(/value: Real/);
      const rows = fs.readFileSync(out, 'utf8').trim().split('\n');
      const header = rows[0].split(',');
      const values = rows.slice(1).map((r) => r.split(',')[header.indexOf('value')]);
      expect(values).toContain('12.5');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is read by OWSLib: the API definition\'s bbox is the standard\'s array, and items come back filtered with numeric values', async () => {
    const python = process.env.OWSLIB_PYTHON ?? '/usr/bin/python3';
    const { stdout } = await run(python, [path.join(import.meta.dirname, 'owslib-read.py'), `${base}/ogc/`, DANDONG]);
    const read = JSON.parse(stdout);
    expect(read.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30');
    expect(read.collections).toEqual(['crossings', 'observations']);
    expect(read.queryables).toEqual(['crossing_id', 'method', 'metric']);
    expect(read.parameters.bbox).toEqual({ style: 'form', explode: false, type: 'array' });
    expect(read.parameters.limit).toEqual({ style: 'form', explode: false, type: 'integer' });
    expect(read.parameters.metric).toMatchObject({ explode: false, type: 'array' });
    // Dandong is inside the box: five of its approved observations on the first page, and more after it.
    expect(read.bboxPage).toEqual({ numberReturned: 5, next: true });
    expect(read.values.slice(0, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(read.valueTypes).toEqual(['int']);
  });
});
