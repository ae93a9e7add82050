// `npm run db:migrate`: applies committed migrations to the configured database and exits.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';

const config = loadConfig();
const db = await startStorage(config, createLogger(config.logLevel));
await db.close();
