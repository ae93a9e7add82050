import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** Any constant works; it only has to be the same in every landport process. */
const MIGRATION_LOCK_KEY = 4_174_021_311;

// The table exactly as Prisma creates it, so `prisma migrate status` agrees with us.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export type MigrationFile = { name: string; sql: string; checksum: string };
type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export class MigrationError extends Error {}

/** Migrations in Prisma's layout (`<timestamp>_<name>/migration.sql`), oldest first. */
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      // Prisma's checksum: SHA-256 of the file's bytes, hex.
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

async function readApplied(s: SqlSession): Promise<AppliedRow[]> {
  return s.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
}

/**
 * Applies pending migrations, each in its own transaction with its `_prisma_migrations` row.
 * A session-level advisory lock makes two servers starting at once take turns; the second
 * then finds nothing left to do.
 */
export async function applyMigrations(
  db: Database,
  files: MigrationFile[] = readMigrationFiles(),
): Promise<{ applied: string[]; warnings: string[] }> {
  return db.withSession(async (s) => {
    await s.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await s.exec(CREATE_MIGRATIONS_TABLE);
      const done = await readApplied(s);
      const failed = done.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} started earlier and did not finish. ` +
            'Inspect the database, then mark it with `prisma migrate resolve`.',
        );
      }
      const applied: string[] = [];
      const warnings: string[] = [];
      for (const file of files) {
        const previous = done.find((r) => r.migration_name === file.name && r.rolled_back_at === null);
        if (previous) {
          if (previous.checksum !== file.checksum) {
            warnings.push(`Migration ${file.name} was edited after it was applied; committed migrations must not change.`);
          }
          continue;
        }
        await s.exec('BEGIN');
        try {
          const id = crypto.randomUUID();
          await s.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
            [id, file.checksum, file.name],
          );
          await s.exec(file.sql);
          await s.query(
            'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
            [id],
          );
          await s.exec('COMMIT');
        } catch (err) {
          await s.exec('ROLLBACK');
          throw new MigrationError(`Migration ${file.name} failed: ${(err as Error).message}`);
        }
        applied.push(file.name);
      }
      return { applied, warnings };
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

/** How many committed migrations the database has applied, for /health. */
export async function getMigrationStatus(
  db: Database,
  files: MigrationFile[] = readMigrationFiles(),
): Promise<{ applied: number; pending: string[] }> {
  const rows = await db.withSession(async (s) => {
    const exists = await s.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
    return exists[0]?.t ? readApplied(s) : [];
  });
  const finished = new Set(
    rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name),
  );
  return { applied: finished.size, pending: files.map((f) => f.name).filter((n) => !finished.has(n)) };
}
