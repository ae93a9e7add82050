import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ImportOptions, ImportReport, RowError } from '../contracts/imports.js';
import { listObservationHashes } from '../observations/observations.repo.js';
import {
  contentUuid, storeObservations, validateObservations, type Submitter, type ValidObservation,
} from '../observations/submit-observations.js';
import { readCsvRows, readGeoJsonRows, type SourceRow } from './read-rows.js';
import { rowToObservation } from './row-to-observation.js';

const CHUNK = 1000;
const MAX_REPORTED_ERRORS = 1000;

export type ImportFile = { path: string; name: string; sha256: string; format: 'csv' | 'geojson' };

/** Thrown inside the commit transaction to roll it back when `all` meets a conflicting row. */
class RollBack extends Error {}

/**
 * Reads a file row by row (streaming for CSV), validates every row, and either reports what a
 * commit would do (dry run) or commits: `all` stores every row in one transaction or nothing,
 * `valid` stores the valid rows. Rows without an id get one fixed by their content, so the
 * same file uploaded again finds its rows and changes nothing.
 */
export async function runImport(
  prisma: PrismaClient,
  file: ImportFile,
  opts: ImportOptions,
  by: Submitter,
  limits: { maxRows: number },
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  const started = performance.now();
  const errors: RowError[] = [];
  let invalidCount = 0;
  const addError = (e: RowError) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const valid: (ValidObservation & { line: number })[] = [];
  let rowCount = 0;

  let chunk: SourceRow[] = [];
  const flush = async () => {
    const items = chunk.map((r) => rowToObservation(r.fields, opts));
    const result = await validateObservations(prisma, items, contentUuid);
    for (const bad of result.invalid) {
      invalidCount++;
      addError({ line: chunk[bad.index].line, fields: bad.issues });
    }
    for (const v of result.valid) valid.push({ ...v, index: valid.length, line: chunk[v.index].line });
    chunk = [];
  };
  const rows = file.format === 'csv' ? readCsvRows(file.path, limits.maxRows) : readGeoJsonRows(file.path, limits.maxRows);
  for await (const row of rows) {
    chunk.push(row);
    rowCount++;
    if (chunk.length === CHUNK) {
      await flush();
      onProgress(rowCount);
    }
  }
  await flush();
  onProgress(rowCount);

  const report: ImportReport = {
    dryRun: opts.dryRun, mode: opts.mode, format: file.format, committed: false, rows: rowCount,
    valid: valid.length, invalid: invalidCount, created: 0, existing: 0, conflicts: 0,
    errors, errorsTruncated: false, importId: null, seconds: 0,
  };
  const conflictError = (v: { line: number; id: string }) =>
    addError({ line: v.line, fields: [{ path: 'id', message: `observation ${v.id} already exists with different content` }] });

  if (opts.dryRun) {
    const seen = new Map<string, string>();
    for (let i = 0; i < valid.length; i += 5000) {
      const slice = valid.slice(i, i + 5000);
      const stored = new Map((await listObservationHashes(prisma, slice.map((v) => v.id))).map((r) => [r.id, r.contentHash]));
      for (const v of slice) {
        const known = stored.get(v.id) ?? seen.get(v.id);
        if (known === undefined) report.created++;
        else if (known === v.hash) report.existing++;
        else (report.conflicts++, conflictError(v));
        if (!seen.has(v.id)) seen.set(v.id, v.hash);
      }
    }
  } else if (!(opts.mode === 'all' && invalidCount > 0)) {
    const importId = crypto.randomUUID();
    try {
      await prisma.$transaction(
        async (tx) => {
          await tx.import.create({
            data: { id: importId, fileName: file.name, fileSha256: file.sha256, format: file.format, mode: opts.mode, rowsTotal: rowCount, rowsCreated: 0, rowsExisting: 0, rowsInvalid: invalidCount, createdById: by.userId! },
          });
          for (let i = 0; i < valid.length; i += CHUNK) {
            const slice = valid.slice(i, i + CHUNK);
            for (const r of await storeObservations({ tx }, slice, by, { importId })) {
              if (r.status === 'created') report.created++;
              else if (r.status === 'existing') report.existing++;
              else (report.conflicts++, conflictError(slice[r.index - slice[0].index]));
            }
          }
          if (opts.mode === 'all' && report.conflicts > 0) throw new RollBack();
          // A file that adds nothing (an upload repeated) leaves no trace either.
          if (report.created === 0) await tx.import.delete({ where: { id: importId } });
          else await tx.import.update({ where: { id: importId }, data: { rowsCreated: report.created, rowsExisting: report.existing } });
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      );
      report.committed = true;
      report.importId = report.created > 0 ? importId : null;
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      report.created = 0;
      report.existing = 0;
    }
  }
  report.errors.sort((a, b) => a.line - b.line);
  report.errorsTruncated = invalidCount + report.conflicts > errors.length;
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}
