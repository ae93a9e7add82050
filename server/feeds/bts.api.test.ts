import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { BTS_SOURCE, btsCrossingId } from './import-bts.js';
import { BTS_MEASURES } from './bts-measures.js';

const BTS_FILE = new URL('../../data/bts_border_crossing_trucks_2020_2021.csv', import.meta.url).pathname;
const RETRIEVED = '2026-11-01';
type BtsRow = Record<string, string>;
// The file mixes line ends (LF after the header, CRLF after rows): trimmed as the server trims.
const fileRows = parse(fs.readFileSync(BTS_FILE, 'utf8'), { columns: true, trim: true, bom: true }) as BtsRow[];

let t: TestApp;
let dir: string;
const upload = (file: string, options: Record<string, unknown>, as = t.as.analyst) =>
  t.request.post('/api/imports/bts').set(as).attach('file', file).field('options', JSON.stringify(options));

/** Writes rows as CSV with the given header (values never contain commas or quotes except Point). */
function writeCsv(name: string, header: string[], rows: BtsRow[]): string {
  const file = path.join(dir, name);
  const cell = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  fs.writeFileSync(file, [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n') + '\r\n');
  return file;
}

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bts-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('BTS Border Crossing Entry Data import', () => {
  it('is for analysts, and a dry run reports what a commit would do without writing', async () => {
    // A small file: the server refuses before reading the body, and a large one would meet a closed socket.
    const small = writeCsv('small.csv', Object.keys(fileRows[0]), fileRows.slice(0, 2));
    await upload(small, { dryRun: true, retrievedAt: RETRIEVED }, t.as.observer).expect(403);
    const dry = await upload(BTS_FILE, { dryRun: true, retrievedAt: RETRIEVED }).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, committed: false, rows: 6703, invalid: 0, created: 6703, existing: 0, conflicts: 0 });
    expect(dry.body.crossings.created).toBe(new Set(fileRows.map((r) => r['Port Code'].padStart(4, '0'))).size);
    expect(await t.db.prisma.observation.count()).toBe(0);
  });

  it('stores every row: per port, month and measure the value equals the file, into the US, at a crossing per port', async () => {
    const res = await upload(BTS_FILE, { retrievedAt: RETRIEVED }).expect(200);
    expect(res.body).toMatchObject({ committed: true, created: 6703, existing: 0, conflicts: 0 });
    const stored = await t.db.prisma.observation.findMany({ select: {
      crossingId: true, periodStart: true, periodEnd: true, measure: true, value: true, vehicleClass: true, directionFrom: true, directionTo: true,
      metric: true, method: true, source: true, sourceUrl: true, retrievedAt: true,
    } });
    expect(stored).toHaveLength(6703);
    const byKey = new Map(stored.map((o) => [`${o.crossingId}|${o.periodStart!.toISOString().slice(0, 7)}|${o.measure}`, o]));
    for (const r of fileRows) {
      const neighbour = /Mexico/.test(r.Border) ? 'MX' : 'CA';
      const o = byKey.get(`${btsCrossingId({ portCode: r['Port Code'].padStart(4, '0'), neighbour })}|${r.Date.slice(0, 7)}|${r.Measure}`);
      expect(o, `${r['Port Name']} ${r.Date} ${r.Measure}`).toBeDefined();
      expect(o!.value).toBe(Number(r.Value));
      expect(o).toMatchObject({
        directionFrom: neighbour, directionTo: 'US', metric: 'crossed_vehicles', method: 'customs',
        vehicleClass: BTS_MEASURES[r.Measure].vehicleClass, source: BTS_SOURCE, sourceUrl: expect.stringMatching(/^https:\/\//),
      });
      expect(o!.retrievedAt!.toISOString()).toBe(`${RETRIEVED}T00:00:00.000Z`);
      // The month, whole: from its first instant to the next month's.
      expect(o!.periodEnd!.getTime() - o!.periodStart!.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
    }
    // The analyst's import is the review of an official statistic: approved, with an audit event.
    expect(await t.db.prisma.observation.count({ where: { status: 'approved' } })).toBe(6703);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'approve' } })).toBe(6703);
    const alcan = await t.db.prisma.crossing.findUnique({ where: { id: 'us-ca-port-3104' } });
    expect(alcan).toMatchObject({ nameEn: 'Alcan, Alaska', countryA: 'US', countryB: 'CA', lat: 62.614961, lon: -141.001444 });
  });

  it('counts trucks, not the containers they carry, in the rollups the map draws', async () => {
    const port = fileRows.find((r) => r.Measure === 'Trucks' && r.Border === 'US-Mexico Border')!;
    const id = btsCrossingId({ portCode: port['Port Code'].padStart(4, '0'), neighbour: 'MX' });
    const res = await t.request.get('/api/series').query({ crossing: id, metric: 'crossed_vehicles', from: port.Date.slice(0, 7), to: port.Date.slice(0, 7) }).expect(200);
    const trucks = fileRows.filter((r) => r['Port Code'] === port['Port Code'] && r.Date === port.Date && r.Measure === 'Trucks');
    expect(trucks).toHaveLength(1);
    expect(JSON.stringify(res.body)).toContain(`"sum":${Number(trucks[0].Value)}`);
  });

  it('changes nothing when the same file comes again, or the same rows in the older layout', async () => {
    const again = await upload(BTS_FILE, { retrievedAt: RETRIEVED }).expect(200);
    expect(again.body).toMatchObject({ committed: true, created: 0, existing: 6703, crossings: { created: 0, updated: 0 } });
    // BTS republishes its whole history every month: the same figures downloaded later are the same rows.
    const later = await upload(BTS_FILE, { retrievedAt: '2026-12-01' }).expect(200);
    expect(later.body).toMatchObject({ committed: true, created: 0, existing: 6703, conflicts: 0 });
    // A copy without coordinates names the ports but never takes their location away.
    const bare = writeCsv('bare.csv', ['Port Name', 'State', 'Port Code', 'Border', 'Date', 'Measure', 'Value'], fileRows.slice(0, 3));
    expect((await upload(bare, { retrievedAt: RETRIEVED }).expect(200)).body).toMatchObject({ existing: 3, crossings: { updated: 0 } });
    expect(await t.db.prisma.crossing.findUnique({ where: { id: 'us-ca-port-3104' } })).toMatchObject({ lat: 62.614961, lon: -141.001444 });
    // The 2019-and-before layout: one Location column, US dates, "Full" for "Loaded".
    const older = fileRows.slice(0, 40).map((r) => ({
      ...r, Date: `${r.Date.slice(5, 7)}/01/${r.Date.slice(0, 4)} 12:00:00 AM`, Measure: r.Measure.replace('Loaded', 'Full'), Location: r.Point,
    }));
    const file = writeCsv('older.csv', ['Port Name', 'State', 'Port Code', 'Border', 'Date', 'Measure', 'Value', 'Location'], older);
    const res = await upload(file, { retrievedAt: RETRIEVED }).expect(200);
    expect(res.body).toMatchObject({ committed: true, rows: 40, created: 0, existing: 40 });
    expect(await t.db.prisma.observation.count()).toBe(6703);
  });

  it('maps every other measure to its vehicle class, and keeps containers and passengers out of the rollups', async () => {
    // The extract has truck measures only: these rows are made up (a month the extract does not cover), one per other measure.
    const base = fileRows.find((r) => r.Border === 'US-Mexico Border')!;
    const measures = Object.keys(BTS_MEASURES).filter((m) => !m.startsWith('Truck'));
    const rows = measures.map((Measure, i) => ({ ...base, Date: '2019-06-01', Measure, Value: String(100 + i) }));
    const res = await upload(writeCsv('other-measures.csv', Object.keys(base), rows), { retrievedAt: RETRIEVED }).expect(200);
    expect(res.body).toMatchObject({ committed: true, created: measures.length });
    const id = btsCrossingId({ portCode: base['Port Code'].padStart(4, '0'), neighbour: 'MX' });
    const stored = await t.db.prisma.observation.findMany({ where: { crossingId: id, periodStart: new Date('2019-06-01T00:00:00Z') } });
    expect(Object.fromEntries(stored.map((o) => [o.measure, o.vehicleClass]))).toEqual(Object.fromEntries(measures.map((m) => [m, BTS_MEASURES[m].vehicleClass])));
    const series = await t.request.get('/api/series').query({ crossing: id, metric: 'crossed_vehicles', from: '2019-06', to: '2019-06' }).expect(200);
    const counted = measures.map((m, i) => (BTS_MEASURES[m].countsVehicles ? 100 + i : 0)).reduce((a, b) => a + b, 0);
    expect(JSON.stringify(series.body)).toContain(`"sum":${counted}`);
    await t.db.prisma.auditEvent.deleteMany({ where: { observationId: { in: stored.map((o) => o.id) } } });
    await t.db.prisma.observation.deleteMany({ where: { id: { in: stored.map((o) => o.id) } } });
  });

  it('stores nothing from a file with a bad row or a changed value, and names the line', async () => {
    const header = Object.keys(fileRows[0]);
    const bad = writeCsv('bad.csv', header, [fileRows[0], { ...fileRows[1], Value: 'many' }, { ...fileRows[2], 'Port Code': '9999', 'Port Name': 'New Port', Date: '2022-01-01' }]);
    const refused = await upload(bad, { retrievedAt: RETRIEVED }).expect(422);
    expect(refused.body).toMatchObject({ committed: false, invalid: 1 });
    expect(refused.body.errors).toEqual([{ line: 3, fields: [{ path: 'Value', message: 'must be a whole number of 0 or more' }] }]);
    expect(await t.db.prisma.crossing.findUnique({ where: { id: 'us-mx-port-9999' } })).toBeNull();

    const changed = writeCsv('changed.csv', header, [{ ...fileRows[5], Value: String(Number(fileRows[5].Value) + 1) }, { ...fileRows[6], Date: '2022-01-01' }]);
    const conflict = await upload(changed, { retrievedAt: RETRIEVED }).expect(422);
    expect(conflict.body).toMatchObject({ committed: false, conflicts: 1, created: 0 });
    expect(conflict.body.errors[0].line).toBe(2);
    expect(await t.db.prisma.observation.count()).toBe(6703);
  });

  it('refuses a NUL in a port name (the crossing takes the name as it is) and names its line', async () => {
    // Found by the fuzz test: the last row's name for a port wins, and PostgreSQL refused it mid-commit with a 500.
    const header = Object.keys(fileRows[0]);
    const nul = writeCsv('nul.csv', header, [fileRows[0], { ...fileRows[1], 'Port Name': 'Al\u0000can' }]);
    const refused = await upload(nul, { retrievedAt: RETRIEVED }).expect(422);
    expect(refused.body.errors).toEqual([{ line: 3, fields: [{ path: 'Port Name', message: 'must not contain the NUL character (U+0000)' }] }]);
    expect((await t.db.prisma.crossing.findUnique({ where: { id: btsCrossingId({ portCode: fileRows[0]['Port Code'], neighbour: 'CA' }) } }))?.nameEn).not.toContain('\u0000');
  });

  it('names missing options and files', async () => {
    const res = await t.request.post('/api/imports/bts').set(t.as.analyst).attach('file', BTS_FILE).field('options', '{"dryRun":true}').expect(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['options.retrievedAt']);
  });
});
