import type { ImportOptions, ImportReport, RowError } from '../contracts/imports.js';
import { guessMapping } from '../contracts/import-columns.js';
import type { FieldIssue } from '../http/http-error.js';
import { copyRow, type CopyRow } from '../observations/copy-observations.js';
import {
  contentUuid, newObservationRow, validateObservations, type CrossingCountries, type Submitter,
} from '../observations/submit-observations.js';
import { crossingMatcher, type NamedCrossing } from './crossing-names.js';
import { readCsvRows, readGeoJsonRows, type SourceRow } from './read-rows.js';
import { rowToObservation, type RowContext } from './row-to-observation.js';

/** What checking a file needs, as plain data: it can be sent to a worker thread (check-rows-worker.ts). */
export type CheckInput = {
  path: string;
  format: 'csv' | 'geojson';
  maxRows: number;
  chunkRows: number;
  opts: Pick<ImportOptions, 'mapping' | 'defaults' | 'timezone' | 'dateOrder'>;
  /** Every crossing, read before the import's transaction: checking then needs no database. */
  crossings: (NamedCrossing & CrossingCountries)[];
  /** Confirmed names (nameKey → crossing id), the stored ones and this import's own. */
  aliases: [string, string][];
  /** For a commit: each valid row is rendered for the COPY writer too (CheckedRow.copy), by whoever checks it. */
  render?: { by: Submitter; importId: string; transactionTime: string };
};

/** A valid row as the store gets it: numbered within its chunk, with its line in the file. */
export type CheckedRow = { index: number; id: string; hash: string; line: number; copy?: CopyRow };

const PREVIEW_ROWS = 10;

type Unmatched = ImportReport['unmatchedCrossings'][number];

export type CheckEvent =
  /** Every 1,000 rows read, and the total at the end when it is not a multiple of 1,000. */
  | { type: 'progress'; rows: number }
  | {
    type: 'chunk';
    /** Field → column: the mapping given, over guesses from the first row's columns (the header, for a CSV). */
    mapping: ImportReport['mapping'];
    invalid: RowError[];
    /** This chunk's names that matched no crossing, each with its rows in the chunk. */
    unmatched: Unmatched[];
    /** The first valid rows of the file, as they would be stored, until there are 10. */
    preview: ImportReport['preview'];
    valid: CheckedRow[];
  };

const PROGRESS_EVERY = 1000;

/** A row's own problems first, then the contract's for other fields (an unreadable date is not also "required"). */
function mergeIssues(own: FieldIssue[], contract: FieldIssue[]): FieldIssue[] {
  const named = new Set(own.map((i) => i.path));
  return [...own, ...contract.filter((i) => !named.has(i.path))];
}

/**
 * Reads a file (streaming for CSV) and checks its rows a chunk at a time: through the column mapping and the
 * defaults, then the observation contract and the crossings. Memory stays at one chunk whatever the file's size.
 */
export async function* checkRows(input: CheckInput): AsyncGenerator<CheckEvent> {
  const crossings = new Map(input.crossings.map((c) => [c.id, c]));
  const matchCrossing = crossingMatcher(input.crossings, new Map(input.aliases));
  let ctx: RowContext | null = null;
  let previewed = 0;
  const { render } = input;

  async function check(rows: SourceRow[]): Promise<CheckEvent> {
    ctx ??= { opts: input.opts, matchCrossing, columns: { ...guessMapping(Object.keys(rows[0].fields)), ...input.opts.mapping } };
    const converted = rows.map((r) => (r.error ? null : rowToObservation(r.fields, ctx!)));
    const result = await validateObservations(crossings, converted.map((c) => c?.item ?? {}), contentUuid);
    const contractIssues = new Map(result.invalid.map((bad) => [bad.index, bad.issues]));
    const invalid: RowError[] = [];
    const unmatched = new Map<string, Unmatched>();
    converted.forEach((c, index) => {
      const m = c?.crossing;
      if (m && !m.match.ok) {
        const u = unmatched.get(m.value) ?? { value: m.value, rows: 0, firstLine: rows[index].line, candidates: m.match.candidates };
        u.rows++;
        unmatched.set(m.value, u);
      }
      const issues = rows[index].error ? [{ path: '', message: rows[index].error! }] : mergeIssues(c!.issues, contractIssues.get(index) ?? []);
      if (issues.length) invalid.push({ line: rows[index].line, fields: issues });
    });
    const passed = result.valid.filter((v) => !converted[v.index]?.issues.length);
    const preview = passed.slice(0, Math.max(0, PREVIEW_ROWS - previewed)).map((v) => ({ line: rows[v.index].line, observation: { ...v.input, id: v.id } }));
    previewed += preview.length;
    const valid = passed.map((v, index): CheckedRow => ({
      index, id: v.id, hash: v.hash, line: rows[v.index].line,
      ...(render && { copy: copyRow(newObservationRow(v, render.by, render.importId), render.transactionTime) }),
    }));
    return { type: 'chunk', mapping: ctx.columns, invalid, unmatched: [...unmatched.values()], preview, valid };
  }

  let chunk: SourceRow[] = [];
  let read = 0;
  const source = input.format === 'csv' ? readCsvRows(input.path, input.maxRows) : readGeoJsonRows(input.path, input.maxRows);
  for await (const row of source) {
    chunk.push(row);
    // Every 1,000 rows read, whatever the chunk size (checking is at most one chunk behind).
    if (++read % PROGRESS_EVERY === 0) yield { type: 'progress', rows: read };
    if (chunk.length === input.chunkRows) {
      const rows = chunk;
      chunk = [];
      yield await check(rows);
    }
  }
  if (chunk.length) yield await check(chunk);
  if (read % PROGRESS_EVERY !== 0) yield { type: 'progress', rows: read };
}
