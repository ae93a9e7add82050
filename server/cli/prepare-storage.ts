// Run by the server on its first start on a new embedded data folder (server/db/prepare-new-folder.ts): creates
// the database, applies the migrations and seeds it as the server would, then exits, taking that memory with it.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { seedDatabase } from '../seed/seed-database.js';
import { startStorage } from '../start-storage.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await startStorage(config, log);
try {
  await seedDatabase(db, config.demoData, log);
} finally {
  await db.close();
}
