import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

/** The buckets the triggers keep, beside the same buckets computed from the rows now. */
async function bucketsBothWays() {
  const kept = await t.db.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT metric::text, crossing_id, month::text, vehicle_class::text, direction_from, direction_to, method::text, status::text, measure,
           n::int, round(sum::numeric, 6)::float8 AS sum, max, last_observed_at
      FROM monthly_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
  const fresh = await t.db.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT metric::text, crossing_id, (date_trunc('month', coalesce(period_start, observed_at) AT TIME ZONE 'UTC'))::date::text AS month,
           vehicle_class::text, coalesce(direction_from::text, '') AS direction_from, coalesce(direction_to::text, '') AS direction_to,
           method::text, status::text, coalesce(measure, '') AS measure,
           count(*)::int AS n, round(sum(value)::numeric, 6)::float8 AS sum, max(value) AS max, max(observed_at) AS last_observed_at
      FROM observations GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
  return { kept, fresh };
}

describe('monthly rollups kept by triggers', () => {
  it('equal a fresh aggregation after inserts, concurrent inserts, approvals, rejections, edits and deletes', async () => {
    // A seeded mix: two crossings, three months, three metrics, with and without direction.
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bodies = Array.from({ length: 120 }, (_, i) => {
      const metric = ['queue_vehicles', 'wait_minutes', 'queue_length_m'][i % 3];
      return observationBody({
        crossingId: i % 4 === 0 ? 'cn-kp-quanhe-wonjong' : DANDONG,
        observedAt: `2025-${['09', '10', '11'][i % 3]}-${String(1 + (i % 27)).padStart(2, '0')}T0${i % 9}:00:00Z`,
        metric,
        value: metric === 'queue_vehicles' ? Math.floor(rand() * 300) : Math.round(rand() * 9000) / 10,
        direction: i % 5 === 0 ? null : { from: 'CN', to: 'KP' },
      });
    });
    // Concurrent single submissions and one batch: the triggers' upserts must add up.
    await Promise.all(bodies.slice(0, 60).map((b) => t.request.post('/api/observations').set(t.as.observer).send(b).expect(201)));
    await t.request.post('/api/observations/batch').set(t.as.observer).send({ items: bodies.slice(60) }).expect(200);
    const ids = bodies.map((b) => b.id);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: ids.filter((_, i) => i % 2 === 0), action: 'approve' }).expect(200);
    await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: ids.filter((_, i) => i % 7 === 1), action: 'reject', reason: 'test' }).expect(200);
    // Edits of the value (the largest of a bucket among them) and deletions, straight in the table.
    const largest = await t.db.prisma.observation.findFirst({ orderBy: { value: 'desc' } });
    await t.db.prisma.observation.update({ where: { id: largest!.id }, data: { value: 1 } });
    await t.db.prisma.observation.updateMany({ where: { id: { in: ids.slice(10, 20) } }, data: { value: { increment: 5 } } });
    await t.db.prisma.auditEvent.deleteMany({ where: { observationId: { in: ids.slice(30, 45) } } });
    await t.db.prisma.observation.deleteMany({ where: { id: { in: ids.slice(30, 45) } } });
    // An update that changes nothing a bucket depends on.
    await t.db.prisma.observation.updateMany({ where: { id: { in: ids.slice(50, 55) } }, data: { notes: 'reviewed again' } });

    const { kept, fresh } = await bucketsBothWays();
    expect(fresh.length).toBeGreaterThan(10);
    expect(kept).toEqual(fresh);
  });

  it('equal a fresh aggregation after a bulk import that added its rows at its end, and after an update in a deferring transaction', async () => {
    // Made-up rows across three chunks of the import (1,000 rows each), into buckets that already hold rows.
    const header = 'crossingId,observedAt,metric,value,vehicleClass,method,source,notes';
    const lines = Array.from({ length: 2500 }, (_, i) =>
      `${i % 3 ? DANDONG : 'cn-kp-quanhe-wonjong'},2025-${['09', '10', '11'][i % 3]}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,queue_vehicles,${i % 311},truck,field,consistency test (made up),row ${i}`);
    const res = await t.request.post('/api/imports').set(t.as.observer)
      .attach('file', Buffer.from([header, ...lines].join('\n')), 'rows.csv').field('options', JSON.stringify({ dryRun: false, mode: 'all' })).expect(200);
    expect(res.body).toMatchObject({ committed: true, created: 2500 });
    let { kept, fresh } = await bucketsBothWays();
    expect(kept).toEqual(fresh);

    // A transaction that defers, inserts, then updates one of its own rows: the update flushes first.
    await t.db.withSession(async (s) => {
      await s.exec("SELECT set_config('landport.defer_rollups', 'on', true)");
      await s.exec(`INSERT INTO observations (id, crossing_id, observed_at, metric, value, vehicle_class, method, source, submitted_by, content_hash, updated_at)
        VALUES ('00000000-0000-4000-8000-00000000d001', '${DANDONG}', '2025-12-02T08:00:00Z', 'queue_vehicles', 40, 'truck', 'field', 'made up', 'test', repeat('0', 64), now()),
               ('00000000-0000-4000-8000-00000000d002', '${DANDONG}', '2025-12-03T08:00:00Z', 'queue_vehicles', 90, 'truck', 'field', 'made up', 'test', repeat('0', 64), now())`);
      await s.exec("UPDATE observations SET value = 7 WHERE id = '00000000-0000-4000-8000-00000000d002'");
    }, { transactional: true });
    ({ kept, fresh } = await bucketsBothWays());
    expect(kept).toEqual(fresh);
  });
});
