import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/seed-database.js';
import { createTestDatabase, testDbKind } from '../test/test-database.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';
import { spawnServer } from '../test/spawn-server.js';
import { exportArchive } from './export-archive.js';
import { importArchive } from './restore-archive.js';
import type { Database } from '../db/database.js';

// A lossless backup: everything written through the product (observations reviewed and not, photos, audit trail,
// imports, trade revisions, users, tokens, saved views, feed snapshots) goes out to one archive and back into an
// empty database of the other kind (PostgreSQL → embedded, embedded → PostgreSQL when there is one), where a
// second export must give the same rows and checksums, table by table, and the rollups rebuild to the same buckets.
const otherKind = testDbKind === 'postgres' ? 'embedded' : process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
let t: TestApp;
let work: string;

/** The rollup buckets, in a form that compares across databases (times in ms, sums to 6 decimals). */
const rollups = async (db: Database) =>
  db.withSession((s) => s.query(`
    SELECT metric::text, crossing_id, month::text AS month, vehicle_class::text, direction_from, direction_to, method::text, status::text, measure,
           n::text AS n, round(sum::numeric, 6)::text AS sum, max::text AS max, (extract(epoch FROM last_observed_at) * 1000)::bigint::text AS last
      FROM monthly_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`));

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-backup-test-'));
  t = await startTestApp();
  await seedDatabase(t.db, 'always'); // trade figures and the synthetic demo set
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#446688' } }).jpeg().toBuffer();
  const withPhoto = observationBody({ notes: 'with a photo; "quoted", and 新義州' });
  await t.request.post('/api/submissions').set(t.as.observer).field('observation', JSON.stringify(withPhoto)).attach('photos', photo, { filename: 'p.jpg', contentType: 'image/jpeg' }).expect(201);
  const rejected = observationBody({ value: 3, observedAt: '2025-10-01T08:00:00Z' });
  await t.request.post('/api/observations').set(t.as.observer).send(rejected).expect(201);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [withPhoto.id], action: 'approve' }).expect(200);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [rejected.id], action: 'reject', reason: 'duplicate' }).expect(200);
  await t.request.post('/api/admin/users').set(t.as.admin).send({ email: 'pw@backup.invalid', displayName: 'With password', role: 'observer', password: 'a-long-password-1' }).expect(201);
  await t.request.post('/api/views').set(t.as.analyst).send({ title: 'Backup view', view: { crossing: DANDONG, metric: 'queue_vehicles' } }).expect(201);
  const csv = `crossingId,observedAt,metric,value,vehicleClass,method,source\n${DANDONG},2025-09-01T08:00:00Z,queue_vehicles,40,truck,field,backup test\n`;
  await t.request.post('/api/imports').set(t.as.observer).field('options', '{"dryRun":false}').attach('file', Buffer.from(csv), { filename: 'rows.csv', contentType: 'text/csv' }).expect(200);
  await t.db.prisma.feedSnapshot.create({ data: { feed: 'cbp-bwt', sha256: 'a'.repeat(64), observationsCreated: 0 } });
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('db:export and db:import', () => {
  it(`round-trips everything from ${testDbKind} into ${otherKind}: same rows, checksums, photos and rollups`, async () => {
    const archive = path.join(work, 'full.tar.gz');
    const out = await exportArchive(t.db, t.photoDir, archive, { withSecrets: true });
    for (const table of ['users', 'crossings', 'imports', 'observations', 'photos', 'audit_events', 'trade_figures', 'api_tokens', 'saved_views', 'feed_snapshots']) {
      expect(out.tables[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(out.photos.count).toBe(1);

    const target = await createTestDatabase(otherKind);
    const photoDir = path.join(work, 'restored-photos');
    try {
      const restored = await importArchive(target.db, photoDir, archive);
      expect(restored.tables).toEqual(out.tables);
      const again = await exportArchive(target.db, photoDir, path.join(work, 'again.tar.gz'), { withSecrets: true });
      expect(again.tables).toEqual(out.tables); // every row of every table, byte for byte
      expect(again.photos).toEqual(out.photos);
      expect(await rollups(target.db)).toEqual(await rollups(t.db));
      // Sequences continue after the restored ids: a new audit event does not collide with a restored one.
      await target.db.prisma.auditEvent.create({ data: { observationId: null, actorLabel: 'after restore', action: 'test' } });
      // A second restore into the same database is refused, and changes nothing.
      await expect(importArchive(target.db, photoDir, archive)).rejects.toThrow(/not empty/);
    } finally {
      await target.cleanup();
    }
  });

  it('leaves password hashes and API tokens out unless asked', async () => {
    const archive = path.join(work, 'plain.tar.gz');
    const out = await exportArchive(t.db, t.photoDir, archive, { withSecrets: false });
    expect(out.tables.api_tokens).toBeUndefined();
    const dir = path.join(work, 'plain');
    fs.mkdirSync(dir);
    await tar.extract({ file: archive, cwd: dir });
    const users = fs.readFileSync(path.join(dir, 'tables', 'users.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { email: string; password_hash: string | null });
    expect(users.find((u) => u.email === 'pw@backup.invalid')).toMatchObject({ password_hash: null });
    expect(users.every((u) => u.password_hash === null)).toBe(true);
  });

  it('refuses a damaged archive and writes nothing', async () => {
    const archive = path.join(work, 'full.tar.gz');
    const dir = path.join(work, 'damaged');
    fs.mkdirSync(dir);
    await tar.extract({ file: archive, cwd: dir });
    const file = path.join(dir, 'tables', 'observations.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"value": 42', '"value": 43'));
    const damaged = path.join(work, 'damaged.tar.gz');
    await tar.create({ gzip: true, file: damaged, cwd: dir }, fs.readdirSync(dir));
    const target = await createTestDatabase(otherKind);
    const photoDir = path.join(work, 'damaged-photos');
    try {
      await expect(importArchive(target.db, photoDir, damaged)).rejects.toThrow(/observations\.jsonl does not match the manifest/);
      expect(await target.db.prisma.observation.count()).toBe(0);
      expect(await target.db.prisma.user.count()).toBe(0);
      expect(fs.existsSync(photoDir) ? fs.readdirSync(photoDir, { recursive: true }).filter((f) => String(f).endsWith('.jpg')) : []).toEqual([]);
    } finally {
      await target.cleanup();
    }
  });

  it('works as the npm commands, on a stopped server’s data folder', async () => {
    const source = path.join(work, 'cli-source');
    await (await spawnServer({ DATA_DIR: source, DATABASE_URL: '', DEMO_DATA: 'always' })).stop();
    const run = promisify(execFile);
    const archive = path.join(work, 'cli.tar.gz');
    await run('npx', ['tsx', 'server/cli/db-backup.ts', 'export', archive], { env: { ...process.env, DATA_DIR: source, DATABASE_URL: '', LOG_LEVEL: 'warn' } });
    const restoredDir = path.join(work, 'cli-restored');
    await run('npx', ['tsx', 'server/cli/db-backup.ts', 'import', archive], { env: { ...process.env, DATA_DIR: restoredDir, DATABASE_URL: '', LOG_LEVEL: 'warn' } });
    const again = path.join(work, 'cli-again.tar.gz');
    await run('npx', ['tsx', 'server/cli/db-backup.ts', 'export', again], { env: { ...process.env, DATA_DIR: restoredDir, DATABASE_URL: '', LOG_LEVEL: 'warn' } });
    const manifest = async (file: string) => {
      const dir = fs.mkdtempSync(path.join(work, 'm-'));
      await tar.extract({ file, cwd: dir, filter: (p) => p === 'manifest.json' });
      return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tables: unknown; photos: unknown };
    };
    const [a, b] = [await manifest(archive), await manifest(again)];
    expect(b.tables).toEqual(a.tables);
    expect((a.tables as Record<string, { rows: number }>).observations.rows).toBeGreaterThan(100);
  }, 120_000);
});
