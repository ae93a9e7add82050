import type { Database } from './database.js';

/**
 * The one place that picks the database: PostgreSQL when a URL is given (and a replica for reads), else embedded.
 * Each kind's code is loaded only when chosen: a server on PostgreSQL never loads PGlite.
 */
export async function openDatabase(opts: { databaseUrl?: string; databaseReadUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return (await import('./open-postgres.js')).openPostgres(opts.databaseUrl, opts.databaseReadUrl);
  return (await import('./open-embedded.js')).openEmbedded(opts.dataDir);
}
