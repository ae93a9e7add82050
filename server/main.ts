import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { seedDatabase } from './seed/seed-database.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { prepareFirstRun, setupUrl } from './auth/first-run.js';
import { startStorage } from './start-storage.js';
import { prepareNewDataFolder } from './db/prepare-new-folder.js';
import { startCbpPoller } from './feeds/cbp-poller.js';
import { startWebhookWorker } from './webhooks/delivery-worker.js';
import { startAnalysisWatch } from './webhooks/analysis-watch.js';

const startedAt = performance.now();
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const log = createLogger(config.logLevel);
if (!config.databaseUrl) await prepareNewDataFolder(config.dataDir, log);
const db = await startStorage(config, log);
await seedDatabase(db, config.demoData, log);
if (config.bootstrapAdmin) await bootstrapAdmin(db.prisma, config.bootstrapAdmin, log);
// No admin and none configured: the first visitor with the printed link creates one in the browser.
const firstRun = config.bootstrapAdmin ? null : await prepareFirstRun(db.prisma);

const app = createApp({
  db,
  logger: log,
  bodyLimitBytes: config.bodyLimitBytes,
  basemapStyleUrl: config.basemapStyleUrl,
  secureCookies: config.secureCookies,
  loginLimit: config.loginLimit,
  uploadLimit: config.uploadLimit,
  tokenFailureLimit: config.tokenFailureLimit,
  photoDir: config.photoDir,
  submissionLimits: { photoMaxBytes: config.photoMaxBytes, photosPerSubmission: config.photosPerSubmission },
  importLimits: { maxBytes: config.importMaxBytes, maxRows: config.importMaxRows },
  staticDir: fileURLToPath(new URL('../app/dist', import.meta.url)),
  embeds: config.embeds,
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
  responseCacheSeconds: config.responseCacheSeconds,
  releaseLagDays: config.releaseLagDays,
  firstRun,
});
const server: Server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    { database: db.kind, dataDir: db.isLocal ? config.dataDir : undefined, readyMs: Math.round(performance.now() - startedAt) },
    `landport ready at http://${config.host}:${port}/`,
  );
  if (firstRun) {
    const origin = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
    // Printed whatever the log level: without it nobody can sign in.
    process.stdout.write(`First run: create the admin account at ${setupUrl(origin, firstRun)}\n`);
  }
});

// The CBP wait-time feed, when configured. With several servers each polls; the readings' ids
// and the snapshot hash make a second store of the same reading impossible.
const stopCbpPoller = config.cbpFeed ? startCbpPoller(db.prisma, config.cbpFeed.url, config.cbpFeed.seconds, log) : () => {};

// Webhooks: every server reads the queue (the claim keeps two from sending one delivery at once) and watches the
// analysis (the state row's lock keeps two from reporting one change).
const webhookWorker = startWebhookWorker(db.prisma, log, config.webhooks);
const analysisWatch = startAnalysisWatch(db.prisma, log, { releaseLagDays: config.releaseLagDays }, { debounceMs: config.webhooks.watchDebounceMs });

/**
 * Stop accepting, let requests in flight finish, then close the database: PGlite must be
 * closed to flush its data folder. A second signal, or the timeout, forces the exit.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown timed out; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  force.unref();
  stopCbpPoller();
  await Promise.all([
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
    // A delivery in flight finishes (or times out) and is recorded before the database closes.
    webhookWorker.stop(),
    analysisWatch.stop(),
  ]);
  await db.close();
  log.info('stopped cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
