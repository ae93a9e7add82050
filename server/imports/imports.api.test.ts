import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DANDONG, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const HEADER = 'crossingId,observedAt,metric,value,vehicleClass,method,source,notes';
const row = (day: number, value: string | number, extra = '') =>
  `${DANDONG},2025-03-${String(day).padStart(2, '0')}T08:00:00Z,queue_vehicles,${value},truck,field,"partner feed, site A",${extra}`;

function upload(csv: string, options: Record<string, unknown>, name = 'rows.csv', accept = 'application/json') {
  return t.request
    .post('/api/imports')
    .set(t.as.analyst)
    .set('Accept', accept)
    .field('options', JSON.stringify(options))
    .attach('file', Buffer.from(csv), { filename: name, contentType: name.endsWith('.csv') ? 'text/csv' : 'application/geo+json' });
}

const count = () => t.db.prisma.observation.count();

describe('POST /api/imports', () => {
  it('dry run: reports every bad row by line number and stores nothing', async () => {
    const csv = [HEADER, row(1, 10), row(2, 'lots'), row(3, -4), `nowhere,2025-03-04T08:00:00Z,queue_vehicles,5,truck,field,x,`, row(5, 12)].join('\n');
    const before = await count();
    const res = await upload(csv, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, committed: false, rows: 5, valid: 2, invalid: 3, created: 2 });
    expect(res.body.errors.map((e: { line: number; fields: { path: string }[] }) => [e.line, e.fields[0].path])).toEqual([
      [3, 'value'], [4, 'value'], [5, 'crossingId'],
    ]);
    expect(await count()).toBe(before);
  });

  it('all-or-nothing: one bad row and nothing is stored; accept-valid stores the rest', async () => {
    const csv = [HEADER, row(6, 10), row(7, 'x'), row(8, 12)].join('\n');
    const before = await count();
    const all = await upload(csv, { dryRun: false, mode: 'all' });
    expect(all.status).toBe(422);
    expect(all.body).toMatchObject({ committed: false, invalid: 1, created: 0 });
    expect(await count()).toBe(before);
    const valid = await upload(csv, { dryRun: false, mode: 'valid' });
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ committed: true, created: 2, invalid: 1 });
    expect(await count()).toBe(before + 2);
  });

  it('commits a file in one go, and the same file again changes nothing', async () => {
    const csv = `\uFEFF${[HEADER, row(10, 1), row(11, 2), row(12, 3)].join('\r\n')}\r\n`;
    const first = await upload(csv, { dryRun: false });
    expect(first.body).toMatchObject({ committed: true, created: 3, existing: 0 });
    const importsBefore = await t.db.prisma.import.count();
    const rowsBefore = await count();
    const again = await upload(csv, { dryRun: false });
    expect(again.body).toMatchObject({ committed: true, created: 0, existing: 3, importId: null });
    expect(await count()).toBe(rowsBefore);
    expect(await t.db.prisma.import.count()).toBe(importsBefore);
    const stored = await t.db.prisma.observation.findMany({ where: { importId: first.body.importId } });
    expect(stored.map((o) => o.source)).toEqual(['partner feed, site A', 'partner feed, site A', 'partner feed, site A']);
    expect(stored.every((o) => o.status === 'pending')).toBe(true);
  });

  it('records an import once in the audit trail, and the history of each row shows its creation by the import', async () => {
    const csv = [HEADER, row(20, 1), row(21, 2)].join('\n');
    const res = await upload(csv, { dryRun: false });
    expect(res.body).toMatchObject({ committed: true, created: 2 });
    const importId = res.body.importId as string;
    const rows = await t.db.prisma.observation.findMany({ where: { importId } });
    // No `create` event per row: the import's own event says who, when, which file and what it added.
    expect(await t.db.prisma.auditEvent.count({ where: { observationId: { in: rows.map((r) => r.id) } } })).toBe(0);
    const events = await t.db.prisma.auditEvent.findMany({ where: { action: 'observations.imported', after: { path: ['importId'], equals: importId } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ observationId: null, actorLabel: rows[0].submittedBy, after: { fileName: 'rows.csv', rowsCreated: 2, rowsTotal: 2, mode: 'all' } });

    const history = await t.request.get(`/api/observations/${rows[0].id}/audit`).set(t.as.analyst).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'create', actor: rows[0].submittedBy, importFileName: 'rows.csv', at: rows[0].createdAt.toISOString() })]);
    // Reviewed afterwards: the review follows the creation.
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [rows[0].id], action: 'approve' }).expect(200);
    const reviewed = await t.request.get(`/api/observations/${rows[0].id}/audit`).set(t.as.analyst).expect(200);
    expect(reviewed.body.items.map((e: { action: string }) => e.action)).toEqual(['create', 'approve']);
  });

  it('rolls back the whole file when a row conflicts with a stored observation', async () => {
    const id = crypto.randomUUID();
    const csvA = ['id,' + HEADER, `${id},${row(15, 5)}`].join('\n');
    await upload(csvA, { dryRun: false });
    const before = await count();
    const csvB = ['id,' + HEADER, `${crypto.randomUUID()},${row(16, 5)}`, `${id},${row(15, 6)}`].join('\n');
    const res = await upload(csvB, { dryRun: false, mode: 'all' });
    expect(res.status).toBe(422);
    expect(res.body.conflicts).toBe(1);
    expect(res.body.errors[0]).toMatchObject({ line: 3, fields: [{ path: 'id' }] });
    expect(await count()).toBe(before);
  });

  it('maps columns and fills defaults', async () => {
    const csv = ['bridge;when;trucks', `${DANDONG};2025-04-01T06:00:00+08:00;33`].join('\n').replaceAll(';', ',');
    const res = await upload(csv, {
      dryRun: false,
      mapping: { crossingId: 'bridge', observedAt: 'when', value: 'trucks' },
      defaults: { metric: 'queue_vehicles', vehicleClass: 'truck', method: 'camera', source: 'partner camera 3' },
    });
    expect(res.body).toMatchObject({ committed: true, created: 1 });
    const stored = await t.db.prisma.observation.findFirst({ where: { importId: res.body.importId } });
    expect(stored).toMatchObject({ value: 33, method: 'camera', source: 'partner camera 3' });
    expect(stored!.observedAt.toISOString()).toBe('2025-03-31T22:00:00.000Z');
  });

  it('reads GeoJSON points as the observer position', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [124.393, 40.1145] }, properties: { crossingId: DANDONG, observedAt: '2025-05-01T08:00:00Z', metric: 'queue_vehicles', value: 8, vehicleClass: 'truck', method: 'satellite', source: 'imagery' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [40.1145, 224.393] }, properties: { crossingId: DANDONG, observedAt: '2025-05-02T08:00:00Z', metric: 'queue_vehicles', value: 9, vehicleClass: 'truck', method: 'satellite', source: 'imagery' } },
      ],
    };
    const res = await upload(JSON.stringify(fc), { dryRun: false, mode: 'valid' }, 'points.geojson');
    expect(res.body).toMatchObject({ format: 'geojson', created: 1, invalid: 1 });
    // Coordinates in the wrong order put 224 in latitude: refused, by field.
    expect(res.body.errors[0]).toMatchObject({ line: 2, fields: [{ path: 'observer.lat' }] });
  });

  it('streams progress lines before the report', async () => {
    const lines = [HEADER, ...Array.from({ length: 2500 }, (_, i) => row(1 + (i % 28), i, `n${i}`))];
    const res = await upload(lines.join('\n'), { dryRun: true }, 'big.csv', 'application/x-ndjson');
    const out = res.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.filter((l) => l.type === 'progress').map((l) => l.rows)).toEqual([1000, 2000, 2500]);
    expect(out.at(-1)).toMatchObject({ type: 'report', status: 200, report: { rows: 2500, valid: 2500 } });
  });

  it('a line that cannot be read deep in a streamed file is that row\'s error, by its line', async () => {
    const lines = [HEADER, ...Array.from({ length: 1500 }, (_, i) => row(1 + (i % 28), i, `n${i}`)), 'cn-kp-x,"unclosed'];
    const res = await upload(lines.join('\n'), { dryRun: true }, 'broken.csv', 'application/x-ndjson');
    const out = res.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ type: 'progress', rows: 1000 });
    expect(out.at(-1)).toMatchObject({ type: 'report', status: 200, report: { rows: 1501, valid: 1500, invalid: 1 } });
    expect(out.at(-1).report.errors).toEqual([{ line: 1502, fields: [{ path: '', message: expect.stringContaining('never closed') }] }]);
  });

  it('imports a messy spreadsheet CSV: good rows in, bad rows named by their real line with every problem', async () => {
    // Saved from a spreadsheet: BOM, CRLF, a quoted note over two lines, bare quotes in an unquoted cell, local
    // times, crossings by Chinese and English name (one without its bracketed qualifier), day-first dates.
    const csv = '\uFEFF' + [
      'Crossing,Observed at,Trucks,Notes',
      '中朝友谊桥,2025-11-14 07:30 +08:00,12,"queue past the\r\ncustoms gate"', // lines 2–3
      'Tumen Border Bridge,16/11/2025 09:00,3,<a href="https://example.org/x">photo</a>', // line 4, Shanghai time
      'Sino-Korean Friendship Bridge (Dandong–Sinuiju),2025-11-17,4,', // line 5, date only
      'Nowhere Bridge,31/02/2025,5,', // line 6: two problems
      'cn-kp-dandong-sinuiju-friendship-bridge,"open quote,6,', // line 7: cannot be read
      'CN-KP-DANDONG-SINUIJU-FRIENDSHIP-BRIDGE,2025-11-18T08:00:00Z,7,last', // line 8
    ].join('\r\n') + '\r\n';
    const options = {
      mapping: { crossingId: 'Crossing', observedAt: 'Observed at', value: 'Trucks', notes: 'Notes' },
      defaults: { metric: 'queue_vehicles', vehicleClass: 'truck', method: 'field', source: 'partner spreadsheet' },
      timezone: 'Asia/Shanghai', dateOrder: 'dmy',
    };
    const dry = await upload(csv, { ...options, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 6, valid: 4, invalid: 2 });
    expect(dry.body.errors).toEqual([
      { line: 6, fields: [
        { path: 'crossingId', message: expect.stringMatching(/^no crossing is called "Nowhere Bridge"; nearest: /) },
        { path: 'observedAt', message: '"31/02/2025" is not a real date and time' },
      ] },
      { line: 7, fields: [{ path: '', message: expect.stringContaining('never closed') }] },
    ]);
    expect(dry.body.unmatchedCrossings).toEqual([{ value: 'Nowhere Bridge', rows: 1, firstLine: 6, candidates: expect.any(Array) }]);
    expect(dry.body.preview.map((p: { line: number; observation: { crossingId: string; observedAt: string; notes?: string } }) => [p.line, p.observation.crossingId, p.observation.observedAt, p.observation.notes])).toEqual([
      [2, DANDONG, '2025-11-13T23:30:00.000Z', 'queue past the\r\ncustoms gate'],
      [4, 'cn-kp-tumen-namyang-road', '2025-11-16T01:00:00.000Z', '<a href="https://example.org/x">photo</a>'],
      [5, DANDONG, '2025-11-16T16:00:00.000Z', undefined],
      [8, DANDONG, '2025-11-18T08:00:00.000Z', 'last'],
    ]);
    const done = await upload(csv, { ...options, dryRun: false, mode: 'valid' });
    expect(done.body).toMatchObject({ committed: true, created: 4, invalid: 2 });
  });

  it('keeps a crossing name the user confirmed for the next import', async () => {
    const csv = ['crossingId,observedAt,metric,value,vehicleClass,method,source', 'Friendship Br.,2025-06-01T08:00:00Z,queue_vehicles,3,truck,field,alias test'].join('\n');
    const first = await upload(csv, { dryRun: true });
    expect(first.body.unmatchedCrossings[0]).toMatchObject({ value: 'Friendship Br.', rows: 1 });
    const bad = await upload(csv, { dryRun: true, crossingAliases: { 'Friendship Br.': 'no-such-crossing' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('options.crossingAliases.Friendship Br.');
    const confirmed = await upload(csv, { dryRun: false, crossingAliases: { 'Friendship Br.': DANDONG } });
    expect(confirmed.body).toMatchObject({ committed: true, created: 1 });
    const later = await upload(csv.replace('value', 'value').replace(',3,', ',4,'), { dryRun: true });
    expect(later.body).toMatchObject({ invalid: 0, unmatchedCrossings: [] });
    expect(later.body.preview[0].observation.crossingId).toBe(DANDONG);
  });

  it('round trip: the CSV export imports back with no mapping, every row existing', async () => {
    // Rows with every field the export writes, a formula-like note and the observer position.
    const items = [
      { crossingId: DANDONG, observedAt: '2025-07-01T08:00:00+09:00', metric: 'crossed_vehicles', value: 14, vehicleClass: 'truck', method: 'field', source: 'round trip', measure: 'Trucks', period: { start: '2025-07-01T00:00:00Z', end: '2025-07-01T06:00:00Z' }, direction: { from: 'CN', to: 'KP' }, sourceUrl: 'https://example.org/a', retrievedAt: '2025-07-02T00:00:00Z', confidence: 0.7, notes: '=1+1 and, "quoted"\nline', observer: { lat: 40.1, lon: 124.39, accuracyM: 12.5 } },
      { crossingId: DANDONG, observedAt: '2025-07-02T08:00:00Z', metric: 'wait_minutes', value: 12.5, vehicleClass: 'truck', method: 'camera', source: 'round trip', notes: '-5 lanes' },
    ];
    const posted = await t.request.post('/api/observations/batch').set(t.as.analyst).send({ items }).expect(200);
    expect(posted.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
    const exported = await t.request.get('/api/exports/observations.csv?bom=1&method=field,camera&from=2025-06-30&to=2025-07-03').set(t.as.analyst).expect(200);
    expect(exported.text.startsWith('\uFEFFid,crossing_id')).toBe(true);
    expect(exported.text).toContain("'=1+1");
    const res = await upload(exported.text, { dryRun: false });
    expect(res.body).toMatchObject({ committed: true, rows: 2, created: 0, existing: 2, conflicts: 0, invalid: 0 });
    expect(res.body.mapping).toMatchObject({ crossingId: 'crossing_id', observedAt: 'observed_at', measure: 'measure', observerAccuracyM: 'observer_accuracy_m' });
    const plain = await t.request.get('/api/exports/observations.csv?method=camera').set(t.as.analyst).expect(200);
    expect(plain.text.startsWith('id,')).toBe(true);
  });

  it('says clearly when a file is too large, has too many rows, or is not CSV/GeoJSON', async () => {
    const small = supertest(createApp({ db: t.db, logger: pino({ level: 'silent' }), photoDir: t.photoDir, importLimits: { maxBytes: 2000, maxRows: 3 } }));
    const send = (body: string, name = 'x.csv') =>
      small.post('/api/imports').set(t.as.analyst).field('options', '{}').attach('file', Buffer.from(body), { filename: name });
    const big = await send('a'.repeat(3000));
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('2000 bytes');
    const many = await send([HEADER, row(1, 1), row(2, 2), row(3, 3), row(4, 4)].join('\n'));
    expect(many.status).toBe(413);
    expect(many.body.error.message).toContain('more than 3 rows');
    const xlsx = await send('PK...', 'sheet.xlsx');
    expect(xlsx.status).toBe(415);
    const badOptions = await small.post('/api/imports').set(t.as.analyst).field('options', '{"mode":"some"}').attach('file', Buffer.from(HEADER), { filename: 'x.csv' });
    expect(badOptions.status).toBe(400);
    expect(badOptions.body.error.details.fields[0].path).toBe('options.mode');
  });
});
