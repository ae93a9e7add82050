import crypto from 'node:crypto';
import type { Database, SqlSession } from '../db/database.js';
import { copyObservationWriter } from '../observations/copy-observations.js';
import { DEFER_ROLLUPS_SQL, FLUSH_DEFERRED_ROLLUPS_SQL } from '../rollups/deferred-rollups.js';
import type { ImportOptions, ImportReport } from '../contracts/imports.js';
import { listObservationHashes } from '../observations/observations.repo.js';
import {
  contentUuid, storeObservations, validateObservations, type Submitter, type ValidObservation,
} from '../observations/submit-observations.js';
import { readCsvRows, readGeoJsonRows, type SourceRow } from './read-rows.js';
import { RollBack, rowErrors, secondsSince, tallyByHash, tallyStored } from './import-report.js';
import { rowToObservation, type RowContext } from './row-to-observation.js';
import { guessMapping } from '../contracts/import-columns.js';
import { crossingMatcher, nameKey } from './crossing-names.js';
import { badRequest } from '../http/http-error.js';
import type { FieldIssue } from '../http/http-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';

const PREVIEW_ROWS = 10;

/** The crossings and the confirmed aliases (stored, then this import's own), read before any transaction. */
async function loadMatcher(prisma: PrismaClient, given: Record<string, string>) {
  const [crossings, stored] = await Promise.all([
    prisma.crossing.findMany({ select: { id: true, nameEn: true, nameZh: true, nameKo: true } }),
    prisma.crossingAlias.findMany({ select: { aliasKey: true, crossingId: true } }),
  ]);
  const ids = new Set(crossings.map((c) => c.id));
  const bad = Object.entries(given).filter(([, id]) => !ids.has(id)).map(([name, id]) => ({ path: `options.crossingAliases.${name}`, message: `no crossing has the id "${id}"` }));
  if (bad.length) throw badRequest(bad);
  const aliases = new Map(stored.map((a) => [a.aliasKey, a.crossingId]));
  for (const [name, id] of Object.entries(given)) aliases.set(nameKey(name), id);
  return crossingMatcher(crossings, aliases);
}

/** Keeps the names confirmed in this import for the next one. */
async function saveAliases(prisma: PrismaClient, given: Record<string, string>, by: Submitter) {
  for (const [alias, crossingId] of Object.entries(given)) {
    const aliasKey = nameKey(alias);
    if (!aliasKey) continue;
    await prisma.crossingAlias.upsert({ where: { aliasKey }, create: { aliasKey, alias, crossingId, createdById: by.userId }, update: { alias, crossingId } });
  }
}

/** A row's own problems first, then the contract's for other fields (an unreadable date is not also "required"). */
function mergeIssues(own: FieldIssue[], contract: FieldIssue[]): FieldIssue[] {
  const named = new Set(own.map((i) => i.path));
  return [...own, ...contract.filter((i) => !named.has(i.path))];
}

/**
 * Rows per chunk. On PostgreSQL each chunk is a COPY and one INSERT … SELECT: 5,000 rows gave 36 % of a raw COPY's
 * rate against 25 % at 1,000 (10,000: 37 %, more memory). On the embedded database a chunk is one JSON
 * parameter in WebAssembly memory, which never shrinks: 1,000 (5,000 took its RSS from 368 to 558 MB).
 */
const chunkRows = (kind: Database['kind']) => (kind === 'postgresql' ? 5000 : 1000);
const PROGRESS_EVERY = 1000;

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
  const chunkSize = chunkRows(db.kind);
  const started = performance.now();
  const errors = rowErrors();
  const addError = errors.add;
  const report: ImportReport = {
    dryRun: opts.dryRun, mode: opts.mode, format: file.format, committed: false, rows: 0,
    valid: 0, invalid: 0, created: 0, existing: 0, conflicts: 0,
    errors: [], errorsTruncated: false, importId: null, seconds: 0,
    mapping: {}, unmatchedCrossings: [], preview: [],
  };
  const matchCrossing = await loadMatcher(prisma, opts.crossingAliases);
  let ctx: RowContext | null = null;
  const unmatched = new Map<string, ImportReport['unmatchedCrossings'][number]>();
  const conflictError = (v: { line: number; id: string }) =>
    addError({ line: v.line, fields: [{ path: 'id', message: `observation ${v.id} already exists with different content` }] });

  /**
   * One pass over the file, a chunk at a time: memory stays flat whatever its size. `store`
   * gets each chunk's valid rows (to classify on a dry run, to insert on a commit).
   */
  async function pass(db: Parameters<typeof validateObservations>[0], store: (valid: (ValidObservation & { line: number })[]) => Promise<void>) {
    let chunk: SourceRow[] = [];
    const crossings = new Map<string, { countryA: string; countryB: string } | null>();
    // The database writes one chunk while this process reads and validates the next: two cores
    // busy instead of one. At most one chunk waits, so memory stays at two chunks.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!chunk.length) return;
      const rows = chunk;
      chunk = [];
      // The mapping given, over guesses from the first row's columns (the header, for a CSV).
      ctx ??= { opts, matchCrossing, columns: (report.mapping = { ...guessMapping(Object.keys(rows[0].fields)), ...opts.mapping }) };
      const converted = rows.map((r) => (r.error ? null : rowToObservation(r.fields, ctx!)));
      const result = await validateObservations(db, converted.map((c) => c?.item ?? {}), contentUuid, crossings);
      const contractIssues = new Map(result.invalid.map((bad) => [bad.index, bad.issues]));
      converted.forEach((c, index) => {
        const m = c?.crossing;
        if (m && !m.match.ok) {
          const u = unmatched.get(m.value) ?? { value: m.value, rows: 0, firstLine: rows[index].line, candidates: m.match.candidates };
          u.rows++;
          if (unmatched.size < 200 || unmatched.has(m.value)) unmatched.set(m.value, u);
        }
        const issues = rows[index].error ? [{ path: '', message: rows[index].error! }] : mergeIssues(c!.issues, contractIssues.get(index) ?? []);
        if (issues.length) (report.invalid++, addError({ line: rows[index].line, fields: issues }));
      });
      result.valid = result.valid.filter((v) => !converted[v.index]?.issues.length);
      for (const v of result.valid) {
        if (report.preview.length < PREVIEW_ROWS) report.preview.push({ line: rows[v.index].line, observation: { ...v.input, id: v.id } });
      }
      report.valid += result.valid.length;
      await writing;
      writing = store(result.valid.map((v, index) => ({ ...v, index, line: rows[v.index].line })));
      // Awaited before the next chunk or at the end; marked handled so a failure waits for that await.
      writing.catch(() => {});
    };
    const source = file.format === 'csv' ? readCsvRows(file.path, limits.maxRows) : readGeoJsonRows(file.path, limits.maxRows);
    for await (const row of source) {
      chunk.push(row);
      report.rows++;
      // Every 1,000 rows read and checked, whatever the chunk size (the last chunk is at most one behind).
      if (report.rows % PROGRESS_EVERY === 0) onProgress(report.rows);
      if (chunk.length === chunkSize) await flush();
    }
    await flush();
    await writing;
    if (report.rows % PROGRESS_EVERY !== 0) onProgress(report.rows);
  }

  if (opts.dryRun) {
    // Ids seen earlier in this file, with their content: a repeat is existing, a change a conflict.
    const seen = new Map<string, string>();
    await pass(prisma, async (valid) => {
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
    const store = (target: Parameters<typeof storeObservations>[0]) => async (valid: (ValidObservation & { line: number })[]) => {
      if (opts.mode === 'all' && (report.invalid > 0 || report.conflicts > 0)) return;
      tallyStored(report, await storeObservations(target, valid, by, { importId }), (r) => conflictError(valid[r.index]));
    };
    const importRow = { id: importId, fileName: file.name, fileSha256: file.sha256, format: file.format, mode: opts.mode, createdById: by.userId! };
    const counts = () => ({ rowsTotal: report.rows, rowsCreated: report.created, rowsExisting: report.existing, rowsInvalid: report.invalid });
    const failed = () => opts.mode === 'all' && (report.invalid > 0 || report.conflicts > 0);
    try {
      if (db.kind === 'postgresql') {
        // COPY underneath (copy-observations.ts), on a connection of its own; the crossings the
        // rows name are read through Prisma's other connections meanwhile.
        await db.withSession(async (session) => {
          await insertImport(session, importRow);
          await session.exec(DEFER_ROLLUPS_SQL);
          await pass(prisma, store({ writer: copyObservationWriter(session) }));
          if (failed()) throw new RollBack();
          await session.exec(FLUSH_DEFERRED_ROLLUPS_SQL);
          await finishImport(session, importRow, report.created === 0 ? null : counts(), by);
        }, { transactional: true });
      } else {
        // PGlite is one connection: validation must run inside the transaction that writes.
        await prisma.$transaction(async (tx) => {
          await tx.import.create({ data: { ...importRow, rowsTotal: 0, rowsCreated: 0, rowsExisting: 0, rowsInvalid: 0 } });
          await tx.$executeRawUnsafe(DEFER_ROLLUPS_SQL);
          await pass(tx, store({ tx }));
          if (failed()) throw new RollBack();
          await tx.$executeRawUnsafe(FLUSH_DEFERRED_ROLLUPS_SQL);
          // A file that adds nothing (an upload repeated) leaves no trace either.
          if (report.created === 0) await tx.import.delete({ where: { id: importId } });
          else {
            await tx.import.update({ where: { id: importId }, data: counts() });
            await tx.auditEvent.create({ data: importedEvent(importRow, counts(), by) });
          }
        }, { timeout: 30 * 60_000, maxWait: 60_000 });
      }
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
