// `npm run db:export -- FILE.tar.gz [--with-secrets]`: everything in the configured database (DATABASE_URL, else
// the embedded one in DATA_DIR) and the photo folder, to one archive. Without --with-secrets, users are written
// without password hashes and API tokens are left out.
// `npm run db:import -- FILE.tar.gz`: restores such an archive into an empty database (a new DATA_DIR or
// DATABASE_URL), all or nothing. Exit code 1 on failure, with the reason on stderr.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';
import { exportArchive } from '../backup/export-archive.js';
import { importArchive } from '../backup/restore-archive.js';

const [command, file, ...flags] = process.argv.slice(2);
if ((command !== 'export' && command !== 'import') || !file || flags.some((f) => f !== '--with-secrets') || (command === 'import' && flags.length)) {
  console.error('usage: npm run db:export -- FILE.tar.gz [--with-secrets]\n       npm run db:import -- FILE.tar.gz');
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await startStorage(config, log);
try {
  const manifest = command === 'export'
    ? await exportArchive(db, config.photoDir, file, { withSecrets: flags.includes('--with-secrets') })
    : await importArchive(db, config.photoDir, file);
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  log.info({ file, tables: manifest.tables, photos: manifest.photos.count }, `${command === 'export' ? 'exported' : 'restored'} ${rows} rows and ${manifest.photos.count} photos`);
} catch (err) {
  console.error(`db:${command} failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
