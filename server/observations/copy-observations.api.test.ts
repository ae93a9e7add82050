import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, observationBody, type TestApp } from '../test/test-app.js';
import { copyObservationWriter } from './copy-observations.js';
import { storeObservations, validateObservations, type ValidObservation } from './submit-observations.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const BY = { userId: null, label: 'copy writer test' };
const bodies = (n: number) => Array.from({ length: n }, (_, i) => observationBody({ value: i, notes: `row ${i}, "quoted"` }));

/** Stores `items` through one COPY writer, in one transaction, a call per batch; the status of every item. */
async function storeInBatches(batches: unknown[][]) {
  // Validated first: the embedded database is one connection, which the transaction then holds.
  const validated: ValidObservation[][] = [];
  for (const items of batches) {
    const { valid, invalid } = await validateObservations(t.db.prisma, items);
    expect(invalid).toEqual([]);
    validated.push(valid);
  }
  return t.db.withSession(async (session) => {
    const writer = copyObservationWriter(session);
    const statuses: string[][] = [];
    for (const valid of validated) statuses.push((await storeObservations({ writer }, valid, BY)).map((r) => r.status));
    return statuses;
  }, { transactional: true });
}

const auditCount = (ids: string[]) => t.db.prisma.auditEvent.count({ where: { observationId: { in: ids }, action: 'create' } });

describe('copyObservationWriter', () => {
  it('copies new rows straight in, each with its audit event, and finds taken ids afterwards through staging', async () => {
    const [a, b, c] = [bodies(3), bodies(2), bodies(2)];
    const changed = { ...a[1], value: 999 };
    // Batch 2 meets taken ids (the fall-back path); batch 3 is checked before it is copied.
    const statuses = await storeInBatches([a, [a[0], ...b, changed], [...c, a[2], b[0]], [a[0], b[1]]]);
    expect(statuses).toEqual([
      ['created', 'created', 'created'],
      ['existing', 'created', 'created', 'conflict'],
      ['created', 'created', 'existing', 'existing'],
      ['existing', 'existing'],
    ]);
    const ids = [...a, ...b, ...c].map((o) => o.id);
    const stored = await t.db.prisma.observation.findMany({ where: { id: { in: ids } }, orderBy: { value: 'asc' } });
    expect(stored).toHaveLength(7);
    expect(stored.find((o) => o.id === a[1].id)?.value).toBe(1);
    expect(stored.every((o) => o.updatedAt instanceof Date && o.submittedBy === BY.label && o.status === 'pending')).toBe(true);
    expect(stored.find((o) => o.id === a[0].id)?.notes).toBe('row 0, "quoted"');
    expect(await auditCount(ids)).toBe(7);
  });

  it('gives back nothing when every id of a batch is taken, and writes no audit event', async () => {
    const a = bodies(2);
    const statuses = await storeInBatches([a, a, a]);
    expect(statuses).toEqual([['created', 'created'], ['existing', 'existing'], ['existing', 'existing']]);
    expect(await auditCount(a.map((o) => o.id))).toBe(2);
  });

  it('lets any other database error through, and the transaction stores nothing', async () => {
    const a = bodies(2);
    const rows = await validateObservations(t.db.prisma, a);
    // A crossing that does not exist: a foreign-key violation, not a taken id.
    rows.valid[1].input.crossingId = 'no-such-crossing';
    await expect(t.db.withSession((session) => storeObservations({ writer: copyObservationWriter(session) }, rows.valid, BY), { transactional: true }))
      .rejects.toMatchObject({ code: '23503' });
    expect(await t.db.prisma.observation.count({ where: { id: { in: a.map((o) => o.id) } } })).toBe(0);
  });
});
