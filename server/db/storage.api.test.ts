import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrationFiles } from './migrate.js';
import { createTestDatabaseHandle, testDbKind, type TestDatabaseHandle } from '../test/test-database.js';
import { seedDatabase } from '../seed/seed-database.js';
import { observationBody } from '../test/test-app.js';
import { submitObservations } from '../observations/submit-observations.js';

let handle: TestDatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabaseHandle();
});
afterAll(() => handle.destroy());

describe(`storage on ${testDbKind}`, () => {
  it('applies migrations once, records them as Prisma does, and a second run applies nothing', async () => {
    const db = await handle.open();
    try {
      const files = readMigrationFiles();
      expect((await applyMigrations(db)).applied).toEqual(files.map((f) => f.name));
      expect((await applyMigrations(db)).applied).toEqual([]);
      const rows = await db.withSession((s) =>
        s.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
          'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
        ),
      );
      expect(rows).toEqual(
        files.map((f) => ({ migration_name: f.name, checksum: f.checksum, finished_at: expect.any(Date), applied_steps_count: 1 })),
      );
    } finally {
      await db.close();
    }
  });

  it('copies CSV into a table inside a session transaction, quoted text, NULLs and all, and rolls it back with the transaction', async () => {
    const db = await handle.open();
    try {
      const rows = await db.withSession(async (s) => {
        await s.exec('CREATE TEMP TABLE copy_check (id int, label text, amount float8) ON COMMIT DROP');
        await s.copyFrom('COPY copy_check (id, label, amount) FROM STDIN WITH (FORMAT csv)', '1,"a, ""quoted"" label",2.5\n2,"",\n3,,-0.25\n');
        return s.query<{ id: number; label: string | null; amount: number | null }>('SELECT id, label, amount FROM copy_check ORDER BY id');
      }, { transactional: true });
      expect(rows).toEqual([{ id: 1, label: 'a, "quoted" label', amount: 2.5 }, { id: 2, label: '', amount: null }, { id: 3, label: null, amount: -0.25 }]);
      await expect(db.withSession(async (s) => {
        await s.exec('CREATE TABLE copy_rolled_back (id int)');
        await s.copyFrom('COPY copy_rolled_back (id) FROM STDIN WITH (FORMAT csv)', '1\n2\n');
        throw new Error('give up');
      }, { transactional: true })).rejects.toThrow('give up');
      const left = await db.withSession((s) => s.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'copy_rolled_back'"));
      expect(left).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('keeps what was written across a restart', async () => {
    const first = await handle.open();
    await seedDatabase(first, 'never');
    const body = observationBody();
    const [result] = await submitObservations(first.prisma, [body], { userId: null, label: 'storage test' });
    expect(result.status).toBe('created');
    await first.close();

    const second = await handle.open();
    try {
      const row = await second.prisma.observation.findUnique({ where: { id: body.id } });
      expect(row?.value).toBe(42);
      // data/crossings.csv's 14 and the BTS extract's 100 US ports.
      expect(await second.prisma.crossing.count()).toBe(114);
      expect((await applyMigrations(second)).applied).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it.runIf(testDbKind === 'postgres')('lets two servers migrate one database at once: each migration applied once', async () => {
    const fresh = await createTestDatabaseHandle();
    const [a, b] = await Promise.all([fresh.open(), fresh.open()]);
    try {
      const [ra, rb] = await Promise.all([applyMigrations(a), applyMigrations(b)]);
      expect([...ra.applied, ...rb.applied].sort()).toEqual(readMigrationFiles().map((f) => f.name));
      const [{ n }] = await a.withSession((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations'));
      expect(n).toBe(readMigrationFiles().length);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await fresh.destroy();
    }
  });
});
