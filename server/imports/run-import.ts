import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database, SqlSession } from '../db/database.js';
import { copyObservationWriter, type ObservationWriter } from '../observations/copy-observations.js';
import { DEFER_ROLLUPS_SQL, FLUSH_DEFERRED_ROLLUPS_SQL } from '../rollups/deferred-rollups.js';
import type { ImportOptions, ImportReport } from '../contracts/imports.js';
import { listObservationHashes } from '../observations/observations.repo.js';
import { storeCopyRows, type Submitter } from '../observations/submit-observations.js';
import { RollBack, rowErrors, secondsSince, tallyByHash, tallyStored } from './import-report.js';
import { checkRows, type CheckedRow, type CheckInput } from './check-rows.js';
import { checkRowsInWorker } from './check-rows-in-worker.js';
import { nameKey } from './crossing-names.js';
import { badRequest } from '../http/http-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { queueImportCommitted } from '../webhooks/import-events.js';

const MAX_UNMATCHED_NAMES = 200;

/**
 * Rows per chunk, each one COPY (copy-observations.ts), on both databases. On PostgreSQL 5,000 gave 36 % of a raw
 * COPY's rate against 25 % at 1,000 (10,000: 37 %, more memory). On the embedded database a chunk no longer sits in
 * WebAssembly memory (which never shrinks) as the JSON parameter of old did: PGlite reads COPY's input from a blob
 * 64 kB at a time, and 1,000 to 10,000 rows made no difference we could measure.
 */
const CHUNK_ROWS = 5000;

/**
 * From this size a file is checked on a worker thread when the database works on this one (Database.runsOnMainThread):
 * some 30,000 rows, whose import takes seconds, against the 0.7–0.9 s the thread takes to start (tsx and the
 * observation contract load in it).
 */
const CHECK_IN_WORKER_FROM_BYTES = 4_000_000;

/**
 * The crossings (for the names a file gives and the countries its directions need) and the confirmed aliases (stored,
 * then this import's own), read before any transaction: validation inside it then needs no database, which the
 * embedded one could not give it (the transaction holds its only connection).
 */
async function loadCrossings(prisma: PrismaClient, given: Record<string, string>): Promise<Pick<CheckInput, 'crossings' | 'aliases'>> {
  const [crossings, stored] = await Promise.all([
    prisma.crossing.findMany({ select: { id: true, nameEn: true, nameZh: true, nameKo: true, countryA: true, countryB: true } }),
    prisma.crossingAlias.findMany({ select: { aliasKey: true, crossingId: true } }),
  ]);
  const ids = new Set(crossings.map((c) => c.id));
  const bad = Object.entries(given).filter(([, id]) => !ids.has(id)).map(([name, id]) => ({ path: `options.crossingAliases.${name}`, message: `no crossing has the id "${id}"` }));
  if (bad.length) throw badRequest(bad);
  const aliases = new Map(stored.map((a) => [a.aliasKey, a.crossingId]));
  for (const [name, id] of Object.entries(given)) aliases.set(nameKey(name), id);
  return { crossings, aliases: [...aliases] };
}

/** Keeps the names confirmed in this import for the next one. */
async function saveAliases(prisma: PrismaClient, given: Record<string, string>, by: Submitter) {
  for (const [alias, crossingId] of Object.entries(given)) {
    const aliasKey = nameKey(alias);
    if (!aliasKey) continue;
    await prisma.crossingAlias.upsert({ where: { aliasKey }, create: { aliasKey, alias, crossingId, createdById: by.userId }, update: { alias, crossingId } });
  }
}

export type ImportFile = { path: string; name: string; sha256: string; format: 'csv' | 'geojson' };

type ImportRow = { id: string; fileName: string; fileSha256: string; format: string; mode: string; createdById: string };

function insertImport(session: SqlSession, r: ImportRow) {
  return session.query(
    `INSERT INTO imports (id, file_name, file_sha256, format, mode, rows_total, rows_created, rows_existing, rows_invalid, created_by_id)
     VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, $6)`,
    [r.id, r.fileName, r.fileSha256, r.format, r.mode, r.createdById],
  );
}

type ImportCounts = { rowsTotal: number; rowsCreated: number; rowsExisting: number; rowsInvalid: number };

/**
 * The audit trail's record of an import: who, when, which file, what it added. The rows it created carry its id
 * instead of an audit event each (those took 30 % of PostgreSQL's CPU in a bulk import); a row's history
 * shows its creation from the import (observations.routes.ts).
 */
const importedEvent = (r: ImportRow, counts: ImportCounts, by: Submitter) => ({
  actorUserId: by.userId, actorLabel: by.label, action: 'observations.imported',
  after: { importId: r.id, fileName: r.fileName, fileSha256: r.fileSha256, format: r.format, mode: r.mode, ...counts },
});

/** The import's counts and its audit event; a file that adds nothing (an upload repeated) leaves no trace either. */
async function finishImport(session: SqlSession, r: ImportRow, counts: ImportCounts | null, by: Submitter) {
  if (!counts) return session.query('DELETE FROM imports WHERE id = $1', [r.id]);
  await session.query('UPDATE imports SET rows_total = $2, rows_created = $3, rows_existing = $4, rows_invalid = $5 WHERE id = $1',
    [r.id, counts.rowsTotal, counts.rowsCreated, counts.rowsExisting, counts.rowsInvalid]);
  const e = importedEvent(r, counts, by);
  await session.query('INSERT INTO audit_events (actor_user_id, actor_label, action, after) VALUES ($1, $2, $3, $4)', [e.actorUserId, e.actorLabel, e.action, JSON.stringify(e.after)]);
}


/**
 * Reads a file row by row (streaming for CSV), validates every row, and either reports what a
 * commit would do (dry run) or commits: `all` stores every row in one transaction or nothing,
 * `valid` stores the valid rows. Rows without an id get one fixed by their content, so the
 * same file uploaded again finds its rows and changes nothing.
 */
export async function runImport(
  db: Database,
  file: ImportFile,
  opts: ImportOptions,
  by: Submitter,
  limits: { maxRows: number },
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  const { prisma } = db;
  const started = performance.now();
  const errors = rowErrors();
  const addError = errors.add;
  const report: ImportReport = {
    dryRun: opts.dryRun, mode: opts.mode, format: file.format, committed: false, rows: 0,
    valid: 0, invalid: 0, created: 0, existing: 0, conflicts: 0,
    errors: [], errorsTruncated: false, importId: null, seconds: 0,
    mapping: {}, unmatchedCrossings: [], preview: [],
  };
  const input: CheckInput = {
    path: file.path, format: file.format, maxRows: limits.maxRows, opts, chunkRows: CHUNK_ROWS,
    ...(await loadCrossings(prisma, opts.crossingAliases)),
  };
  const inWorker = db.runsOnMainThread && fs.statSync(file.path).size >= CHECK_IN_WORKER_FROM_BYTES;
  const unmatched = new Map<string, ImportReport['unmatchedCrossings'][number]>();
  const conflictError = (v: { line: number; id: string }) =>
    addError({ line: v.line, fields: [{ path: 'id', message: `observation ${v.id} already exists with different content` }] });

  /**
   * One pass over the file, a chunk at a time (check-rows.ts): memory stays flat whatever its size.
   * `store` gets each chunk's valid rows (to classify on a dry run, to insert on a commit).
   */
  async function pass(input: CheckInput, store: (valid: CheckedRow[]) => Promise<void>) {
    // The database writes one chunk while the next is read and checked (by PostgreSQL's processes, or while a
    // worker thread checks): two cores busy instead of one. Memory stays at a few chunks.
    let writing: Promise<void> = Promise.resolve();
    for await (const event of inWorker ? checkRowsInWorker(input) : checkRows(input)) {
      if (event.type === 'progress') {
        report.rows = event.rows;
        onProgress(event.rows);
        continue;
      }
      report.mapping = event.mapping;
      for (const u of event.unmatched) {
        const known = unmatched.get(u.value);
        if (known) known.rows += u.rows;
        else if (unmatched.size < MAX_UNMATCHED_NAMES) unmatched.set(u.value, u);
      }
      for (const e of event.invalid) (report.invalid++, addError(e));
      report.preview.push(...event.preview);
      report.valid += event.valid.length;
      await writing;
      writing = store(event.valid);
      // Awaited before the next chunk or at the end; marked handled so a failure waits for that await.
      writing.catch(() => {});
    }
    await writing;
  }

  if (opts.dryRun) {
    // Ids seen earlier in this file, with their content: a repeat is existing, a change a conflict.
    const seen = new Map<string, string>();
    await pass(input, async (valid) => {
      const stored = new Map((await listObservationHashes(prisma, valid.map((v) => v.id))).map((r) => [r.id, r.contentHash]));
      for (const v of valid) {
        tallyByHash(report, stored.get(v.id) ?? seen.get(v.id), v.hash, () => conflictError(v));
        if (!seen.has(v.id)) seen.set(v.id, v.hash);
      }
    });
  } else {
    const importId = crypto.randomUUID();
    // Rows are written as they are read, inside the one transaction; with `all`, the first
    // invalid row stops the writing (the rest is still checked, to report every error) and
    // the transaction is rolled back at the end.
    const store = (writer: ObservationWriter) => async (valid: CheckedRow[]) => {
      if (opts.mode === 'all' && (report.invalid > 0 || report.conflicts > 0)) return;
      // Rendered for COPY where they were checked: the pass was given `render`.
      const rendered = valid as Required<CheckedRow>[];
      tallyStored(report, await storeCopyRows(writer, rendered, by), (r) => conflictError(valid[r.index]));
    };
    const importRow = { id: importId, fileName: file.name, fileSha256: file.sha256, format: file.format, mode: opts.mode, createdById: by.userId! };
    const counts = () => ({ rowsTotal: report.rows, rowsCreated: report.created, rowsExisting: report.existing, rowsInvalid: report.invalid });
    const failed = () => opts.mode === 'all' && (report.invalid > 0 || report.conflicts > 0);
    try {
      // One connection of the import's own, COPY underneath (copy-observations.ts). Nothing in it uses Prisma:
      // on the embedded database this transaction holds the only connection.
      await db.withSession(async (session) => {
        await insertImport(session, importRow);
        await session.exec(DEFER_ROLLUPS_SQL);
        const writer = copyObservationWriter(session);
        await pass({ ...input, render: { by, importId, transactionTime: await writer.transactionTime() } }, store(writer));
        if (failed()) throw new RollBack();
        await session.exec(FLUSH_DEFERRED_ROLLUPS_SQL);
        await finishImport(session, importRow, report.created === 0 ? null : counts(), by);
        await queueImportCommitted(session, {
          kind: 'observations', importId, fileName: file.name, rowsTotal: report.rows, created: report.created, existing: report.existing, invalid: report.invalid,
        });
      }, { transactional: true });
      report.committed = true;
      report.importId = report.created > 0 ? importId : null;
      await saveAliases(prisma, opts.crossingAliases, by);
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      report.created = 0;
      report.existing = 0;
    }
  }
  report.unmatchedCrossings = [...unmatched.values()].sort((a, b) => a.firstLine - b.firstLine);
  report.errors = errors.sorted();
  report.errorsTruncated = errors.truncated;
  report.seconds = secondsSince(started);
  return report;
}
