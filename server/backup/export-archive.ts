import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import * as tar from 'tar';
import type { Database, SqlSession } from '../db/database.js';
import { photoPath } from '../photos/photo-store.js';
import { APP_VERSION } from '../version.js';
import { BACKUP_TABLES, type BackupManifest, type BackupTable } from './backup-tables.js';

const PAGE = 2000;

/** Writes `lines` to `file` with back-pressure, returning the count and the SHA-256 of what was written. */
async function writeLines(file: string, pages: AsyncIterable<string[]>) {
  const out = fs.createWriteStream(file);
  const hash = crypto.createHash('sha256');
  let rows = 0;
  for await (const lines of pages) {
    const chunk = lines.map((l) => `${l}\n`).join('');
    hash.update(chunk);
    rows += lines.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, sha256: hash.digest('hex') };
}

/** A table's rows as JSON lines, in a fixed order, read through a cursor (memory stays at one page). */
async function* tableRows(s: SqlSession, table: BackupTable, withSecrets: boolean): AsyncGenerator<string[]> {
  const row = table.secret && table.secret !== 'whole table' && !withSecrets
    ? `(to_jsonb(t) || jsonb_build_object('${table.secret.column}', null))::text`
    : 'to_jsonb(t)::text';
  const cursor = `backup_${table.name}`;
  await s.exec(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${row} AS j FROM ${table.name} t ORDER BY ${table.orderBy}`);
  for (;;) {
    const page = await s.query<{ j: string }>(`FETCH ${PAGE} FROM ${cursor}`);
    if (page.length === 0) break;
    yield page.map((r) => r.j);
  }
  await s.exec(`CLOSE ${cursor}`);
}

/**
 * `npm run db:export`: everything landport holds — crossings, observations with their review history and audit
 * trail, imports, trade figures with revisions, users (without password hashes unless `withSecrets`), saved views,
 * feed snapshots, and the photo files — into one .tar.gz, from one consistent snapshot. Each table is a JSON-lines
 * file; the manifest gives every file's row count and SHA-256, so a restore can be checked.
 */
export async function exportArchive(db: Database, photoDir: string, outFile: string, opts: { withSecrets: boolean }): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-export-'));
  try {
    fs.mkdirSync(path.join(work, 'tables'));
    const manifest: BackupManifest = {
      format: 'landport-backup', version: 1, createdAt: new Date().toISOString(), appVersion: APP_VERSION, migrations: [],
      withSecrets: opts.withSecrets, tables: {}, photos: { count: 0, sha256: '' },
    };
    const photoNames: string[] = [];
    await db.withSession(async (s) => {
      // One snapshot for every table (on the embedded database too: nothing else runs there meanwhile, but the
      // same statement says so on both); times written in UTC whatever the server's zone, so files compare.
      await s.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await s.exec("SET LOCAL TimeZone = 'UTC'");
      manifest.migrations = (await s.query<{ name: string }>(
        'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      )).map((r) => r.name);
      for (const table of BACKUP_TABLES) {
        if (table.secret === 'whole table' && !opts.withSecrets) continue;
        manifest.tables[table.name] = await writeLines(path.join(work, 'tables', `${table.name}.jsonl`), tableRows(s, table, opts.withSecrets));
      }
      photoNames.push(...(await s.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM photos ORDER BY sha256')).map((r) => r.sha256));
    }, { transactional: true });

    // Photos are named by their content hash: each is checked as it is copied, so a damaged file is not archived.
    const photosHash = crypto.createHash('sha256');
    for (const sha of photoNames) {
      const bytes = fs.readFileSync(photoPath(photoDir, sha));
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha) throw new Error(`photo ${sha} on disk does not match its name: the photo folder is damaged`);
      const target = photoPath(path.join(work, 'photos'), sha);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes);
      photosHash.update(`${sha}\n`);
    }
    manifest.photos = { count: photoNames.length, sha256: photosHash.digest('hex') };
    fs.writeFileSync(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    const entries = ['manifest.json', 'tables', ...(photoNames.length ? ['photos'] : [])];
    await tar.create({ gzip: true, file: outFile, cwd: work, portable: true }, entries);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
