import fs from 'node:fs';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asFields, brokenCsv, brokenObject, brokenText, junkBody, poisonJson, problemWith, reportProblem, sendRaw, listenOnLoopback, RUNS } from '../test/malformed.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Every upload endpoint (CSV, GeoJSON, the feed files, multipart submissions with photos), RUNS generated bad
// uploads each: no 5xx, every 4xx names the field, every rejected row its line.
const TIMEOUT = 900_000;

let t: TestApp;
let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let jpeg: Buffer;
beforeAll(async () => {
  t = await startTestApp({ uploadLimit: 1_000_000 });
  loopback = await listenOnLoopback(t.app);
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#557799' } }).jpeg().toBuffer();
});
afterAll(async () => {
  loopback?.close();
  await t.cleanup();
});

/** Options as sent: mostly valid (dry run, or a commit of all rows or the valid ones), sometimes broken. */
const importOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{"dryRun":true}', '{"dryRun":false,"mode":"valid"}', '{"dryRun":false,"mode":"all"}', '{"dryRun":true,"mapping":{"notes":"comment"}}') },
  { weight: 1, arbitrary: brokenText(brokenObject(asFields({ dryRun: true, mode: 'valid', mapping: {}, defaults: { source: 'fuzz' } }))).map((b) => b.toString('latin1')) },
);
const feedOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{"dryRun":true,"retrievedAt":"2026-11-01"}', '{"dryRun":false,"retrievedAt":"2026-11-01"}') },
  { weight: 1, arbitrary: brokenText(brokenObject(asFields({ dryRun: true, retrievedAt: '2026-11-01' }))).map((b) => b.toString('latin1')) },
);

const OBSERVATION_HEADER = ['crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source', 'notes'];
const observationRows = [
  [DANDONG, '2025-11-03T08:00:00Z', 'queue_vehicles', '120', 'truck', 'field', 'fuzz test', 'row one'],
  [DANDONG, '2025-11-03T09:00:00+08:00', 'wait_minutes', '45.5', 'truck', 'camera', 'fuzz test', ''],
  ['cn-kp-tumen-namyang-rail', '2025-11-04T10:00:00Z', 'queue_length_m', '800', 'rail_wagon', 'satellite', 'fuzz test', '"quoted, with comma"'],
];
const btsLines = fs.readFileSync('data/bts_border_crossing_trucks_2020_2021.csv', 'utf8').split('\n');
const csvCells = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')).slice(0, -1);
const TRADE_HEADER = ['freqCode', 'period', 'reporterCode', 'partnerCode', 'flowCode', 'cmdCode', 'primaryValue'];
const tradeRows = [['M', '202301', '156', '408', 'X', 'TOTAL', '100000'], ['M', '202301', '156', '408', 'M', 'TOTAL', '20000.5'], ['M', '202302', '156', '408', 'X', 'TOTAL', '90000']];
const OUR_TRADE = fs.readFileSync('data/cn_dprk_monthly_trade.csv', 'utf8').split('\n').slice(0, 4);

const geojson = fc
  .tuple(
    brokenObject(asFields({ crossingId: DANDONG, observedAt: '2025-11-03T08:00:00Z', metric: 'queue_vehicles', value: 7, vehicleClass: 'truck', method: 'field', source: 'fuzz test' })),
    fc.constantFrom('[124.39,40.11]', '[40.11,124.39]', 'null', '["124.39","40.11"]', '[]', '[1e400,0]', '[124.39]'),
  )
  .map(([props, coordinates]) => `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":${coordinates}},"properties":${props}}]}`);

const cbpOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{"dryRun":true,"fetchedAt":"2025-07-04T19:05:00Z"}', '{"dryRun":false,"fetchedAt":"2025-07-04T19:05:00-07:00"}') },
  { weight: 1, arbitrary: brokenText(brokenObject(asFields({ dryRun: true, fetchedAt: '2025-07-04T19:05:00Z', sourceUrl: 'https://feeds.example/bwt' }))).map((b) => b.toString('latin1')) },
);
// A CBP snapshot (made-up waits) with its port or one of its lanes broken.
const CBP_LANE = { update_time: 'At Noon PDT', operational_status: 'delay', delay_minutes: '45', lanes_open: '6' };
const cbpPort = (lanes: string) => ({ port_number: '"250601"', border: '"Mexican Border"', port_name: '"Otay Mesa"', date: '"07/04/2025"', commercial_vehicle_lanes: lanes });
const cbpSnapshot = fc.oneof(
  brokenObject(cbpPort(JSON.stringify({ standard_lanes: CBP_LANE, FAST_lanes: CBP_LANE }))).map((port) => `[${port}]`),
  brokenObject(asFields(CBP_LANE)).map((lane) => `[${JSON.stringify({ port_number: '250601', border: 'Mexican Border', date: '07/04/2025' }).slice(0, -1)},"commercial_vehicle_lanes":{"FAST_lanes":${lane}}}]`),
);

type Upload = { label: string; path: string; as: 'observer' | 'analyst'; file: fc.Arbitrary<Buffer>; name: fc.Arbitrary<string>; options: fc.Arbitrary<string> };
const UPLOADS: Upload[] = [
  { label: 'observations CSV', path: '/api/imports', as: 'observer', file: brokenCsv(OBSERVATION_HEADER, observationRows), name: fc.constantFrom('rows.csv', 'rows.txt', 'rows'), options: importOptions },
  { label: 'observations GeoJSON', path: '/api/imports', as: 'observer', file: fc.oneof({ weight: 5, arbitrary: brokenText(geojson) }, { weight: 1, arbitrary: junkBody }), name: fc.constant('rows.geojson'), options: importOptions },
  { label: 'BTS CSV', path: '/api/imports/bts', as: 'analyst', file: brokenCsv(csvCells(btsLines[0]), btsLines.slice(1, 4).map(csvCells)), name: fc.constant('bts.csv'), options: feedOptions },
  { label: 'Comtrade CSV', path: '/api/imports/trade', as: 'analyst', file: brokenCsv(TRADE_HEADER, tradeRows), name: fc.constant('comtrade.csv'), options: feedOptions },
  { label: 'CBP snapshot', path: '/api/imports/cbp', as: 'analyst', file: fc.oneof({ weight: 5, arbitrary: brokenText(cbpSnapshot) }, { weight: 1, arbitrary: junkBody }), name: fc.constant('bwt.json'), options: cbpOptions },
  { label: "landport's trade CSV", path: '/api/imports/trade', as: 'analyst', file: brokenCsv(csvCells(OUR_TRADE[0]), OUR_TRADE.slice(1).map(csvCells)), name: fc.constant('trade.csv'), options: feedOptions },
];

async function check(problems: string[], res: Awaited<ReturnType<typeof sendRaw>>, sent: string) {
  const problem = problemWith(res) ?? (res.status === 200 || res.status === 422 ? reportProblem(res.body as never) : null);
  if (!problem) return;
  // A 5xx's cause is in the server's log under its request id: CI prints only the failure, so it goes with it.
  const requestId = (res.body as { error?: { details?: { requestId?: string } } } | undefined)?.error?.details?.requestId;
  const logged = requestId ? t.logLines.find((l) => l.includes(requestId))?.slice(0, 1500) : undefined;
  problems.push(`${problem}\n  sent: ${JSON.stringify(sent.slice(0, 600))}${logged ? `\n  server log: ${logged}` : ''}`);
}

describe('malformed uploads', () => {
  for (const u of UPLOADS) {
    it(`${u.label} to ${u.path}: ${RUNS} bad files, no 5xx, every 4xx names the field, every bad row its line`, async () => {
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(u.file, u.name, u.options, async (bytes, name, options) => {
          const form = new FormData();
          form.append('options', options);
          form.append('file', new Blob([new Uint8Array(bytes)], { type: name.endsWith('json') ? 'application/geo+json' : 'text/csv' }), name);
          await check(problems, await sendRaw(loopback.baseUrl, 'post', u.path, t.as[u.as], form), `${options} | ${bytes.toString('utf8')}`);
        }),
        { numRuns: RUNS },
      );
      expect(problems.slice(0, 10), `${problems.length} of ${RUNS} answers wrong`).toEqual([]);
    }, TIMEOUT);
  }

  it(`multipart submissions with photos: ${RUNS} bad ones, no 5xx, every 4xx names the field`, async () => {
    const photo = fc.oneof(
      fc.constant(() => jpeg),
      fc.constant(() => jpeg.subarray(0, jpeg.length >> 1)), // cut short
      fc.constant(() => Buffer.alloc(0)),
      fc.uint8Array({ maxLength: 2000 }).map((b) => () => Buffer.from(b)),
      fc.constant(() => Buffer.concat([Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')])),
    );
    const submission = fc.record({
      observation: fc.oneof({ weight: 4, arbitrary: brokenObject(asFields(observationBody())) }, { weight: 1, arbitrary: poisonJson }),
      photos: fc.array(fc.tuple(photo, fc.constantFrom('image/jpeg', 'image/png', 'image/svg+xml', 'application/octet-stream', ''), fc.constantFrom('photos', 'photo', 'file')), { maxLength: 4 }),
      locations: fc.option(poisonJson, { nil: undefined }),
    });
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        const form = new FormData();
        form.append('observation', s.observation);
        if (s.locations !== undefined) form.append('photoLocations', s.locations);
        for (const [bytes, type, field] of s.photos) form.append(field, new Blob([new Uint8Array(bytes())], { type }), 'photo.jpg');
        await check(problems, await sendRaw(loopback.baseUrl, 'post', '/api/submissions', t.as.observer, form), `${s.observation} + ${s.photos.length} photos`);
      }),
      { numRuns: RUNS },
    );
    expect(problems.slice(0, 10), `${problems.length} of ${RUNS} answers wrong`).toEqual([]);
  }, TIMEOUT);
});
