import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import type { Logger } from './logger.js';

/** Opens the configured database and brings its schema up to date. */
export async function startStorage(config: Config, log: Logger): Promise<Database> {
  const db = await openDatabase(config);
  try {
    const { applied, warnings } = await applyMigrations(db);
    for (const w of warnings) log.warn(w);
    log.info({ database: db.kind, applied }, applied.length ? 'migrations applied' : 'schema up to date');
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
