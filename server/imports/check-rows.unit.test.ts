import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOptions } from '../contracts/imports.js';
import { HttpError } from '../http/http-error.js';
import { checkRows, type CheckEvent, type CheckInput } from './check-rows.js';
import { checkRowsInWorker } from './check-rows-in-worker.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-check-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CROSSINGS = [
  { id: 'made-up-bridge', nameEn: 'Made-up Bridge', nameZh: '虚构桥', nameKo: null, countryA: 'CN', countryB: 'KP' },
  { id: 'made-up-ferry', nameEn: 'Made-up Ferry', nameZh: null, nameKo: null, countryA: 'RU', countryB: 'KP' },
];

function input(csv: string, overrides: Partial<CheckInput> = {}): CheckInput {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, csv);
  const opts = importOptions.parse({ defaults: { metric: 'queue_vehicles', vehicleClass: 'truck', method: 'field', source: 'check-rows test (made-up rows)' } });
  return { path: file, format: 'csv', maxRows: 100, chunkRows: 3, opts, crossings: CROSSINGS, aliases: [['madeupbr', 'made-up-bridge']], ...overrides };
}

const collect = async (events: AsyncIterable<CheckEvent>) => {
  const all: CheckEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
};

const messy = [
  'crossingId,observedAt,value,notes',
  'made-up-bridge,2025-01-01T08:00:00Z,1,first',
  'Made-up Bridge,2025-01-02T08:00:00Z,lots,', // not a number
  'Madeup Br.,2025-01-03T08:00:00Z,3,"an alias, and a quoted note"',
  'Nowhere Bridge,2025-01-04T08:00:00Z,4,', // no such crossing
  'made-up-ferry,31/02/2025,5,', // not a date
  'made-up-ferry,"unclosed,6,', // cannot be read
].join('\n');

describe('checkRows', () => {
  it('reports each chunk: its valid rows with their lines, the bad rows by line, the names that matched nothing', async () => {
    const events = await collect(checkRows(input(messy)));
    const chunks = events.filter((e) => e.type === 'chunk');
    expect(chunks).toHaveLength(2);
    expect(chunks.flatMap((c) => c.valid.map((v) => [v.index, v.line]))).toEqual([
      [0, 2], [1, 4],
    ]);
    expect(chunks.flatMap((c) => c.invalid.map((e) => [e.line, e.fields[0].path]))).toEqual([[3, 'value'], [5, 'crossingId'], [6, 'observedAt'], [7, '']]);
    expect(chunks.flatMap((c) => c.preview.map((p) => [p.line, p.observation.crossingId, p.observation.notes]))).toEqual([
      [2, 'made-up-bridge', 'first'], [4, 'made-up-bridge', 'an alias, and a quoted note'],
    ]);
    expect(chunks[0].valid[0].copy).toBeUndefined();
    expect(chunks[1].unmatched).toEqual([{ value: 'Nowhere Bridge', rows: 1, firstLine: 5, candidates: expect.any(Array) }]);
    expect(chunks[0].mapping).toMatchObject({ crossingId: 'crossingId', observedAt: 'observedAt', value: 'value', notes: 'notes' });
    expect(events.at(-1)).toEqual({ type: 'progress', rows: 6 });
  });

  it('renders each valid row for the COPY writer when asked, once per row', async () => {
    const render = { by: { userId: null, label: 'check-rows test' }, importId: crypto.randomUUID(), transactionTime: '2026-12-02T10:00:00.000Z' };
    const chunks = (await collect(checkRows(input(messy, { render })))).filter((e) => e.type === 'chunk');
    const copies = chunks.flatMap((c) => c.valid.map((v) => v.copy!));
    expect(copies.map((c) => [c.id, c.audited])).toEqual(chunks.flatMap((c) => c.valid.map((v) => [v.id, false])));
    const [, second] = chunks.flatMap((c) => c.valid);
    expect(copies[1].line).toBe(`"${second.id}","made-up-bridge","2025-01-03T08:00:00.000Z",,,"queue_vehicles",3,"truck",,,"field","check-rows test (made-up rows)",,,,,,,,"an alias, and a quoted note","check-rows test",,"${render.importId}","${second.hash}","2026-12-02T10:00:00.000Z"\n`);
  });

  it('gives the same events on a worker thread, and its errors keep their HTTP status', async () => {
    const given = input(messy, { render: { by: { userId: null, label: 'worker' }, importId: crypto.randomUUID(), transactionTime: '2026-12-02T10:00:00.000Z' } });
    expect(await collect(checkRowsInWorker(given))).toEqual(await collect(checkRows(given)));
    const tooMany = input(messy, { maxRows: 2 });
    const error = await collect(checkRowsInWorker(tooMany)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large', message: 'The file has more than 2 rows; split it' });
  });
});
