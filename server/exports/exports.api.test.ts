import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

const run = promisify(execFile);
let t: TestApp;
let dir: string;
const FORMULA = '=HYPERLINK("http://evil.example","click")';
// Every character a spreadsheet starts a formula with, one per approved row (values 10..13).
const FORMULAS = [FORMULA, '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A9)'];

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-export-'));
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const body = observationBody({ observedAt: `2025-09-0${i + 1}T08:00:00Z`, value: 10 + i, source: FORMULAS[i] ?? 'export test, "quoted", with comma' });
    await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
    ids.push(body.id);
  }
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: ids.slice(0, 5), action: 'approve' }).expect(200);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('observation exports', () => {
  it('writes RFC 7946 GeoJSON that GDAL reads back, approved rows only for the public', async () => {
    const res = await t.request.get('/api/exports/observations.geojson').buffer(true).parse((r, cb) => {
      let s = '';
      r.on('data', (c: Buffer) => (s += c));
      r.on('end', () => cb(null, s));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename=landport-observations.geojson');
    const file = path.join(dir, 'public.geojson');
    fs.writeFileSync(file, res.body as string);
    const info = await run('ogrinfo', ['-ro', '-al', '-so', file]);
    expect(info.stdout).toMatch(/Feature Count: 5/);
    expect(info.stdout).toMatch(/Geometry: Point/);
    // ogr2ogr turns it into CSV with the geometry as WKT: the values come through as written.
    const csvFile = path.join(dir, 'public.csv');
    await run('ogr2ogr', ['-f', 'CSV', csvFile, file, '-lco', 'GEOMETRY=AS_WKT']);
    const rows = parse(fs.readFileSync(csvFile, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.value)).sort()).toEqual([10, 11, 12, 13, 14]);
    expect(rows[0].WKT).toBe('POINT (124.390579 40.116438)');
    expect(rows.every((r) => r.crossing_id === DANDONG && r.status === 'approved')).toBe(true);
  });

  it('honours the filters and the role, and neutralizes formula cells in CSV', async () => {
    const analyst = await t.request.get('/api/exports/observations.csv').set(t.as.analyst).query({ from: '2025-09-02', to: '2025-09-07' }).expect(200);
    expect(analyst.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(analyst.text, { columns: true }) as Record<string, string>[];
    // 2 Sep .. 6 Sep inclusive of pending rows for an analyst: values 11..15.
    expect(rows.map((r) => Number(r.value)).sort()).toEqual([11, 12, 13, 14, 15]);
    expect(rows.find((r) => r.value === '14')!.source).toBe('export test, "quoted", with comma');
    const pub = parse((await t.request.get('/api/exports/observations.csv').expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(pub).toHaveLength(5);
    expect(FORMULAS.map((_, i) => pub.find((r) => r.value === String(10 + i))!.source)).toEqual(FORMULAS.map((f) => `'${f}`));
  });

  it('names a bad filter before sending anything', async () => {
    const res = await t.request.get('/api/exports/observations.geojson').query({ metric: 'speed', from: '2025-10-01', to: '2025-09-01' }).expect(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['query.metric.0']);
    const order = await t.request.get('/api/exports/observations.csv').query({ from: '2025-10-01', to: '2025-09-01' }).expect(400);
    expect(order.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['query.to']);
  });
});
