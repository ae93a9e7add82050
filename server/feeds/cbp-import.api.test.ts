import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

// Saved snapshots in CBP's bwtnew layout with made-up values (every value a string, as CBP writes them).
const lane = (update: string, delay: string, open = '4') => ({ update_time: update, operational_status: 'delay', delay_minutes: delay, lanes_open: open });
const port = (number: string, border: string, name: string, date: string, lanes: Record<string, unknown>) =>
  ({ port_number: number, border, port_name: name, crossing_name: 'Commercial', date, time: '12:00:00', commercial_vehicle_lanes: { maximum_lanes: '10', ...lanes } });
const SNAPSHOT = [
  port('250601', 'Mexican Border', 'Otay Mesa', '07/04/2025', { standard_lanes: lane('At Noon PDT', '45'), FAST_lanes: lane('At Noon PDT', '5', '') }),
  port('380001', 'Canadian Border', 'Detroit', '07/04/2025', { standard_lanes: lane('At 3:00 pm EDT', 'N/A'), FAST_lanes: lane('At 3:00 pm EDT', '12') }),
];
const FETCHED = '2025-07-04T19:05:00Z';

let t: TestApp;
let dir: string;
const write = (name: string, body: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};
const upload = (file: string, options: Record<string, unknown>) =>
  t.request.post('/api/imports/cbp').set(t.as.analyst).attach('file', file).field('options', JSON.stringify(options));
const count = () => t.db.prisma.observation.count({ where: { metric: 'wait_minutes', method: 'feed' } });

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-cbp-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('POST /api/imports/cbp (a saved CBP wait-times snapshot)', () => {
  it('dry-runs, imports the commercial lanes at the instants the feed names, and finds them stored the second time', async () => {
    const file = write('snapshot.json', SNAPSHOT);
    const dry = await upload(file, { dryRun: true, fetchedAt: FETCHED }).expect(200);
    expect(dry.body).toMatchObject({ layout: 'cbp-bwt', dryRun: true, committed: false, rows: 2, invalid: 0, created: 3, existing: 0, crossings: { created: 2 } });
    expect(await count()).toBe(0);

    const first = await upload(file, { fetchedAt: FETCHED, sourceUrl: 'https://feeds.example/bwtnew' }).set('Accept', 'application/x-ndjson').expect(200);
    const lines = first.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress')).toEqual([{ type: 'progress', phase: 'read', rows: 2 }, { type: 'progress', phase: 'write', rows: 3 }]);
    expect(lines.at(-1)).toMatchObject({ type: 'report', status: 200, report: { committed: true, created: 3, crossings: { created: 2 } } });
    const rows = await t.db.prisma.observation.findMany({ where: { method: 'feed' }, orderBy: [{ crossingId: 'asc' }, { measure: 'asc' }] });
    expect(rows.map((o) => [o.crossingId, o.measure, o.value, o.observedAt.toISOString(), o.status, o.directionFrom, o.sourceUrl])).toEqual([
      ['us-ca-port-3800', 'commercial FAST lanes', 12, '2025-07-04T19:00:00.000Z', 'approved', 'CA', 'https://feeds.example/bwtnew'],
      ['us-mx-port-2506', 'commercial FAST lanes', 5, '2025-07-04T19:00:00.000Z', 'approved', 'MX', 'https://feeds.example/bwtnew'],
      ['us-mx-port-2506', 'commercial standard lanes', 45, '2025-07-04T19:00:00.000Z', 'approved', 'MX', 'https://feeds.example/bwtnew'],
    ]);
    const again = await upload(file, { fetchedAt: FETCHED, sourceUrl: 'https://feeds.example/bwtnew' }).expect(200);
    expect(again.body).toMatchObject({ committed: true, created: 0, existing: 3 });
    expect(await count()).toBe(3);
  });

  it('refuses the whole snapshot for one unreadable port or one changed reading, naming the port and field', async () => {
    const before = await count();
    const broken = write('broken.json', [port('abc', 'Mexican Border', 'X', '07/04/2025', {}),
      port('250601', 'Mexican Border', 'Otay Mesa', '07/04/2025', { standard_lanes: lane('At 1:00 pm PDT', '50') })]);
    const res = await upload(broken, { fetchedAt: FETCHED }).expect(422);
    expect(res.body).toMatchObject({ committed: false, invalid: 1, created: 0 });
    expect(res.body.errors).toEqual([{ line: 1, fields: [{ path: 'port_number', message: 'must be six digits' }] }]);

    const changed = write('changed.json', [port('250601', 'Mexican Border', 'Otay Mesa', '07/04/2025', {
      standard_lanes: lane('At 1:00 pm PDT', '50'), FAST_lanes: lane('At Noon PDT', '9') })]);
    const conflict = await upload(changed, { fetchedAt: '2025-07-04T20:05:00Z' }).expect(422);
    expect(conflict.body).toMatchObject({ committed: false, conflicts: 1, created: 0 });
    expect(conflict.body.errors).toEqual([{ line: 1, fields: [{ path: 'commercial_vehicle_lanes.FAST_lanes.delay_minutes', message: expect.stringContaining('differs from the wait stored') }] }]);
    expect(await count()).toBe(before);
  });

  it('reads a lane updated before midnight in a snapshot fetched after it as the day before', async () => {
    // Fetched at 00:30 PDT on 5 July; the port's date is already the 5th, its lane's time still 11 pm on the 4th.
    const late = write('late.json', [port('250301', 'Mexican Border', 'Tecate', '07/05/2025', { standard_lanes: lane('At 11:00 pm PDT', '20') })]);
    expect((await upload(late, { fetchedAt: '2025-07-05T07:30:00Z' }).expect(200)).body).toMatchObject({ created: 1 });
    const row = await t.db.prisma.observation.findFirst({ where: { crossingId: 'us-mx-port-2503' } });
    expect(row!.observedAt.toISOString()).toBe('2025-07-05T06:00:00.000Z');
  });

  it('answers 403 to observers, 400 without fetchedAt, and 422 naming the file when it is not JSON', async () => {
    const file = write('snapshot.json', SNAPSHOT);
    // The role is checked before the body is read: sent without one, so the early answer cannot break the upload's pipe.
    await t.request.post('/api/imports/cbp').set(t.as.observer).expect(403);
    const missing = await upload(file, { dryRun: true }).expect(400);
    expect(missing.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['options.fetchedAt']);
    const notJson = await upload(write('x.json', '[{"port_number": '), { fetchedAt: FETCHED }).expect(422);
    expect(notJson.body.errors[0]).toMatchObject({ line: 0, fields: [{ path: 'file', message: expect.stringContaining('is not JSON') }] });
  });
});
