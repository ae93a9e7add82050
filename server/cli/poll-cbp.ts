// `npm run feeds:cbp -- [URL]`: one poll of the CBP Border Wait Times feed (URL, else CBP_FEED_URL)
// into the configured database; the report as JSON on stdout.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';
import { pollCbp } from '../feeds/cbp-poller.js';

const config = loadConfig();
const url = process.argv[2] ?? config.cbpFeed?.url;
if (!url) {
  console.error('usage: npm run feeds:cbp -- URL   (or set CBP_FEED_URL)');
  process.exit(2);
}
const db = await startStorage(config, createLogger(config.logLevel));
try {
  console.log(JSON.stringify(await pollCbp(db.prisma, url), null, 2));
} finally {
  await db.close();
}
