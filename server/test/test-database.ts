import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { createScratchDatabase } from './scratch-database.js';

/** Which database this Vitest project tests against (see vitest.config.ts). */
export const testDbKind = process.env.LANDPORT_TEST_DB === 'postgres' ? 'postgres' : 'embedded';

/**
 * A place for one test file's data that can be opened, closed and opened again:
 * a fresh database on the PostgreSQL server, or a fresh temporary PGlite folder.
 */
export type TestDatabaseHandle = {
  open(): Promise<Database>;
  destroy(): Promise<void>;
  /** The environment that points a server process at this database. */
  env: { DATABASE_URL: string } | { DATA_DIR: string; DATABASE_URL: '' };
};

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL test project');
  return url;
}

export async function createTestDatabaseHandle(kind: 'postgres' | 'embedded' = testDbKind): Promise<TestDatabaseHandle> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(adminUrl(), 'landport_test');
    return {
      env: { DATABASE_URL: scratch.url },
      open: () => openDatabase({ databaseUrl: scratch.url, dataDir: '' }),
      destroy: scratch.drop,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-test-'));
  return {
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openDatabase({ dataDir: dir }),
    destroy: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A migrated, empty database for one test file (of this project's kind unless told), and its teardown. */
export async function createTestDatabase(kind: 'postgres' | 'embedded' = testDbKind): Promise<{ db: Database; handle: TestDatabaseHandle; cleanup(): Promise<void> }> {
  const handle = await createTestDatabaseHandle(kind);
  const db = await handle.open();
  await applyMigrations(db);
  return {
    db,
    handle,
    cleanup: async () => {
      await db.close();
      await handle.destroy();
    },
  };
}
