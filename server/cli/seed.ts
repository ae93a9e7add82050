// `npm run db:seed [-- --demo]`: loads the reference data (and, with --demo, the synthetic demo set).
// The server runs it with --as-configured on a new data folder (server/db/prepare-new-folder.ts): the database
// is created and migrated, and the demo set follows DEMO_DATA, as the server's own start would do it.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { seedDatabase } from '../seed/seed-database.js';
import { startStorage } from '../start-storage.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const demo = process.argv.includes('--demo') ? 'always' : process.argv.includes('--as-configured') ? config.demoData : 'never';
const db = await startStorage(config, log);
try {
  await seedDatabase(db, demo, log);
} finally {
  await db.close();
}
