// `npm run db:seed [-- --demo]`: loads the reference data (and, with --demo, the synthetic demo set).
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { seedDatabase } from '../seed/seed-database.js';
import { startStorage } from '../start-storage.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await startStorage(config, log);
try {
  await seedDatabase(db, process.argv.includes('--demo') ? 'always' : 'never', log);
} finally {
  await db.close();
}
