import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import * as tar from 'tar';
import type { Database, SqlSession } from '../db/database.js';
import { readMigrationFiles } from '../db/migrate.js';
import { photoPath } from '../photos/photo-store.js';
import { BACKUP_TABLES, SEQUENCED_TABLES, type BackupManifest } from './backup-tables.js';

const BATCH = 1000;

export class RestoreError extends Error {}

/** Reads a table file back, checking it against the manifest's count and SHA-256 as it goes. */
async function* verifiedLines(file: string, expected: { rows: number; sha256: string }, table: string): AsyncGenerator<string[]> {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  let batch: string[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    hash.update(`${line}\n`);
    rows++;
    batch.push(line);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
  if (rows !== expected.rows || hash.digest('hex') !== expected.sha256) {
    throw new RestoreError(`tables/${table}.jsonl does not match the manifest (rows ${rows}, expected ${expected.rows}): the archive is damaged`);
  }
}

async function assertEmpty(s: SqlSession) {
  for (const table of [...BACKUP_TABLES.map((t) => t.name), 'monthly_rollups']) {
    const [{ any }] = await s.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
    if (any) throw new RestoreError(`the database is not empty (${table} has rows): restore into a new, empty database (a new DATA_DIR or DATABASE_URL)`);
  }
}

/**
 * `npm run db:import`: restores an archive of `exportArchive` into an empty, migrated database, embedded or
 * PostgreSQL, and its photos into `photoDir`. All or nothing: the rows go in one transaction, checked against the
 * manifest's counts and checksums before it commits; photo files are checked against their names.
 */
export async function importArchive(db: Database, photoDir: string, archive: string): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-import-'));
  try {
    // Only the entries a backup has, and no path that could leave the work folder.
    await tar.extract({ file: archive, cwd: work, strict: true, filter: (p) => /^(manifest\.json|tables\/[a-z_]+\.jsonl|photos\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpg|tables\/?|photos\/?|photos\/[0-9a-f]{2}\/?)$/.test(p.replace(/^\.\//, '')) });
    const manifestFile = path.join(work, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new RestoreError('not a landport backup: manifest.json is missing');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.format !== 'landport-backup' || manifest.version !== 1) throw new RestoreError('not a landport backup of a version this landport reads');
    const known = new Set(readMigrationFiles().map((m) => m.name));
    const unknown = manifest.migrations.filter((m) => !known.has(m));
    if (unknown.length) throw new RestoreError(`the backup was written by a newer landport (migrations ${unknown.join(', ')}): upgrade first`);

    // Photos first, each checked against its name; files already there are the same bytes by construction.
    const photoFiles = fs.existsSync(path.join(work, 'photos')) ? fs.readdirSync(path.join(work, 'photos'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jpg')) : [];
    const photoNames = photoFiles.map((f) => path.basename(f, '.jpg')).sort();
    const photosHash = crypto.createHash('sha256');
    for (const sha of photoNames) photosHash.update(`${sha}\n`);
    if (photoNames.length !== manifest.photos.count || photosHash.digest('hex') !== manifest.photos.sha256) throw new RestoreError('the photos do not match the manifest: the archive is damaged');
    for (const sha of photoNames) {
      const bytes = fs.readFileSync(photoPath(path.join(work, 'photos'), sha));
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha) throw new RestoreError(`photo ${sha} is damaged`);
    }

    // The files go in before the rows, so no restored row lacks its photo; if the rows fail, the files this
    // restore added are taken out again, so none is left without its row.
    const added: string[] = [];
    for (const sha of photoNames) {
      const target = photoPath(photoDir, sha);
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(photoPath(path.join(work, 'photos'), sha), target);
      added.push(target);
    }
    try {
      await restoreRows(db, work, manifest);
    } catch (err) {
      for (const file of added) fs.rmSync(file, { force: true });
      throw err;
    }
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Every table's rows in one transaction, each file checked against the manifest before the commit. */
async function restoreRows(db: Database, work: string, manifest: BackupManifest) {
  await db.withSession(async (s) => {
    await assertEmpty(s);
    for (const table of BACKUP_TABLES) {
      const expected = manifest.tables[table.name];
      if (!expected) continue; // left out of the backup (credentials not asked for)
      for await (const lines of verifiedLines(path.join(work, 'tables', `${table.name}.jsonl`), expected, table.name)) {
        await s.query(`INSERT INTO ${table.name} SELECT * FROM jsonb_populate_recordset(null::${table.name}, $1::jsonb)`, [`[${lines.join(',')}]`]);
      }
    }
    for (const table of SEQUENCED_TABLES) {
      await s.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM ${table}`);
    }
  }, { transactional: true });
}
