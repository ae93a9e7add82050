import type { Database } from './database.js';
import { openEmbedded } from './open-embedded.js';
import { openPostgres } from './open-postgres.js';

/** The one place that picks the database: PostgreSQL when a URL is given, else embedded. */
export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(opts.dataDir);
}
