import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { seedDatabase } from '../seed/seed-database.js';
import { createTestDatabase, testDbKind } from '../test/test-database.js';

// Code outside server/db asks what a database can do, not which one it is (database.ts): each says so here.

let db: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

describe(`what the ${testDbKind} database says of itself`, () => {
  it('is local and works on this thread when embedded; neither on PostgreSQL', () => {
    const embedded = testDbKind === 'embedded';
    expect({ isLocal: db.isLocal, runsOnMainThread: db.runsOnMainThread }).toEqual({ isLocal: embedded, runsOnMainThread: embedded });
  });

  it('gets demo data with `auto` only when it is local and has no observations of its own yet', async () => {
    const first = await seedDatabase(db, 'auto');
    if (db.isLocal) expect(first.demo.created).toBeGreaterThan(1000);
    else expect(first.demo.created).toBe(0);
    expect(await db.prisma.observation.count({ where: { method: 'synthetic' } })).toBe(first.demo.created);
    expect((await seedDatabase(db, 'auto')).demo.created).toBe(0);
  });
});
