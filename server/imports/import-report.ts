import type { FeedImportReport, RowError } from '../contracts/imports.js';

const MAX_REPORTED_ERRORS = 1000;

/** A report's row errors: the first 1,000 kept (a million bad rows would not fit a response), the rest counted. */
export function rowErrors() {
  const list: RowError[] = [];
  let dropped = 0;
  return {
    list,
    add(e: RowError) {
      if (list.length < MAX_REPORTED_ERRORS) list.push(e);
      else dropped++;
    },
    get truncated() {
      return dropped > 0;
    },
    /** In file order, for the report. */
    sorted: () => list.sort((a, b) => a.line - b.line),
  };
}

/** A feed importer reports a progress line every this many rows read. */
export const FEED_PROGRESS_EVERY = 2000;

/** Seconds since `started` (performance.now()), to the hundredth. */
export const secondsSince = (started: number) => Math.round((performance.now() - started) / 10) / 100;

/** A feed importer's report before it has read anything. */
export function newFeedReport(layout: string, dryRun: boolean): FeedImportReport {
  return {
    dryRun, committed: false, layout, rows: 0, invalid: 0, crossings: { created: 0, updated: 0, unchanged: 0 },
    created: 0, existing: 0, conflicts: 0, revisions: 0, errors: [], errorsTruncated: false, seconds: 0,
  };
}

/** Thrown inside an import's transaction to roll it back (all or nothing met a bad or conflicting row). */
export class RollBack extends Error {}


type Tally = { created: number; existing: number; conflicts: number };

/** A dry run's verdict on one row by the stored content hash of its id: new, the same content, or a conflict. */
export function tallyByHash(report: Tally, stored: string | undefined, hash: string, onConflict: () => void) {
  if (stored === undefined) report.created++;
  else if (stored === hash) report.existing++;
  else (report.conflicts++, onConflict());
}

/** What storing did to each row (storeObservations and the CBP store answer alike). */
export function tallyStored<R extends { status: string; index: number }>(report: Tally, results: R[], onConflict: (r: Extract<R, { status: 'conflict' }>) => void) {
  for (const r of results) {
    if (r.status === 'created') report.created++;
    else if (r.status === 'existing') report.existing++;
    else if (r.status === 'conflict') (report.conflicts++, onConflict(r as Extract<R, { status: 'conflict' }>));
  }
}
