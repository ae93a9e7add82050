import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, startTestApp, type TestApp } from '../test/test-app.js';
import { testDbKind } from '../test/test-database.js';

// The import's one transaction on either database (run-import.ts): rows written chunk by chunk by COPY, undone
// together, and a file large enough to be checked on a worker thread (on the embedded database) stored like a
// small one.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const HEADER = 'crossingId,observedAt,metric,value,vehicleClass,method,source,notes';
const SOURCE = 'import transaction test (made-up rows)';
const NOTE = 'made-up row for the import transaction test: long enough that a file of 20000 such rows passes 4 MB';
const row = (i: number, value: string | number = i % 300) =>
  `${DANDONG},${new Date(Date.parse('2024-01-01T00:00:00Z') + i * 60_000).toISOString()},queue_vehicles,${value},truck,field,${SOURCE},${NOTE} ${i}`;

const upload = (csv: string, options: Record<string, unknown>) =>
  t.request.post('/api/imports').set(t.as.analyst)
    .field('options', JSON.stringify(options))
    .attach('file', Buffer.from(csv), { filename: 'rows.csv', contentType: 'text/csv' });

/** What an import can leave behind: its rows, its import row, its audit event, its rollup counts. */
async function traces() {
  const [{ rollups }] = await t.db.prisma.$queryRaw<{ rollups: number }[]>`SELECT coalesce(sum(n), 0)::int AS rollups FROM monthly_rollups`;
  return {
    rows: await t.db.prisma.observation.count({ where: { source: SOURCE } }),
    imports: await t.db.prisma.import.count(),
    events: await t.db.prisma.auditEvent.count({ where: { action: 'observations.imported' } }),
    rollups,
  };
}

describe(`an import's transaction (${testDbKind})`, () => {
  it('all: a bad row after two chunks were written leaves nothing of the file behind', async () => {
    const before = await traces();
    const lines = Array.from({ length: 12_000 }, (_, i) => row(i));
    lines[11_000] = row(11_000, 'not a number');
    const res = await upload([HEADER, ...lines].join('\n'), { dryRun: false, mode: 'all' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ committed: false, rows: 12_000, invalid: 1, created: 0, existing: 0, importId: null });
    expect(res.body.errors).toEqual([{ line: 11_002, fields: [{ path: 'value', message: expect.any(String) }] }]);
    expect(await traces()).toEqual(before);
  });

  it('valid: a file of 20,000 rows (4 MB) is stored with its counts and audit event, and again changes nothing', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => row(100_000 + i));
    lines[7] = row(100_007, 'x');
    lines[19_998] = `nowhere,${lines[19_998].split(',').slice(1).join(',')}`;
    const csv = [HEADER, ...lines].join('\n');
    expect(csv.length).toBeGreaterThan(4_000_000);
    const before = await traces();
    const first = await upload(csv, { dryRun: false, mode: 'valid' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ committed: true, rows: 20_000, valid: 19_998, invalid: 2, created: 19_998, existing: 0, conflicts: 0 });
    expect(first.body.errors.map((e: { line: number; fields: { path: string }[] }) => [e.line, e.fields[0].path])).toEqual([[9, 'value'], [20_000, 'crossingId']]);
    expect(first.body.preview).toHaveLength(10);
    expect(first.body.preview[7]).toMatchObject({ line: 10, observation: { notes: `${NOTE} 100008` } });
    const stored = await t.db.prisma.import.findUniqueOrThrow({ where: { id: first.body.importId } });
    expect(stored).toMatchObject({ rowsTotal: 20_000, rowsCreated: 19_998, rowsExisting: 0, rowsInvalid: 2, mode: 'valid' });
    expect(await traces()).toEqual({ rows: before.rows + 19_998, imports: before.imports + 1, events: before.events + 1, rollups: before.rollups + 19_998 });

    const again = await upload(csv, { dryRun: false, mode: 'valid' });
    expect(again.body).toMatchObject({ committed: true, created: 0, existing: 19_998, invalid: 2, importId: null });
    expect(await traces()).toEqual({ rows: before.rows + 19_998, imports: before.imports + 1, events: before.events + 1, rollups: before.rollups + 19_998 });
  });
});
