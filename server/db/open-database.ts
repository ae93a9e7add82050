import type { Database } from './database.js';
import { openEmbedded } from './open-embedded.js';
import { openPostgres } from './open-postgres.js';

/** The one place that picks the database: PostgreSQL when a URL is given (and a replica for reads), else embedded. */
export function openDatabase(opts: { databaseUrl?: string; databaseReadUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.databaseReadUrl) : openEmbedded(opts.dataDir);
}
