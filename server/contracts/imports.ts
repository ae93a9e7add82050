import { z } from 'zod';
import { httpUrl, instant, text } from './common.js';
import { isTimeZone } from '../imports/parse-date-time.js';

/** Observation fields a file column can be mapped to. */
export const IMPORT_FIELDS = [
  'id', 'crossingId', 'observedAt', 'periodStart', 'periodEnd', 'metric', 'value', 'vehicleClass',
  'directionFrom', 'directionTo', 'method', 'source', 'measure', 'sourceUrl', 'retrievedAt',
  'observerLat', 'observerLon', 'observerAccuracyM', 'confidence', 'notes',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

const fieldRecord = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(IMPORT_FIELDS), value);

export const importOptions = z.strictObject({
  /** Field → the file's column (CSV header or GeoJSON property) that holds it. Unmapped fields use their own name. */
  mapping: fieldRecord(text().min(1).max(200)).default({}),
  /** Field → a value for every row, where the file has none (e.g. one source for the whole file). */
  defaults: fieldRecord(text().max(2000)).default({}),
  dryRun: z.boolean().default(true),
  /** `all`: store every row or none; `valid`: store the valid rows and report the rest. */
  mode: z.enum(['all', 'valid']).default('all'),
  /** The zone of date-times written without an offset (IANA, such as Asia/Shanghai). */
  timezone: text().max(100).refine(isTimeZone, 'must be an IANA time zone, such as UTC or Asia/Shanghai').default('UTC'),
  /** How `16/11/2025` is read: `dmy` day first, `mdy` month first; `ymd` (default) takes ISO dates only. */
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']).default('ymd'),
  /** A name the file uses → the crossing id it means; kept for later imports once this one commits. */
  crossingAliases: z.record(text().min(1).max(200), text().min(1).max(200)).refine((r) => Object.keys(r).length <= 500, 'must hold at most 500 names').default({}),
});

export type ImportOptions = z.output<typeof importOptions>;

export type RowError = { line: number; fields: { path: string; message: string }[] };

/** A crossing name in the file that matched no crossing, or several. */
export type UnmatchedCrossing = { value: string; rows: number; firstLine: number; candidates: { id: string; name: string }[] };

export type ImportReport = {
  dryRun: boolean;
  mode: 'all' | 'valid';
  format: 'csv' | 'geojson';
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  /** On a dry run: what a commit would do. */
  created: number;
  existing: number;
  conflicts: number;
  errors: RowError[];
  errorsTruncated: boolean;
  importId: string | null;
  seconds: number;
  /** Field → the column it was read from (the mapping given, or guessed from the header). */
  mapping: Partial<Record<ImportField, string>>;
  unmatchedCrossings: UnmatchedCrossing[];
  /** The first rows as they will be stored (valid rows only), on a dry run. */
  preview: { line: number; observation: Record<string, unknown> }[];
};

/** Options of the feed importers (`POST /api/imports/bts`, `/api/imports/trade`, and their CLI commands). */
export const feedImportOptions = z.strictObject({
  dryRun: z.boolean().default(false),
  /** The day the file was downloaded from its publisher: part of every row's source record. */
  retrievedAt: z.iso.date({ message: 'must be the date the file was downloaded, YYYY-MM-DD' }),
});
export type FeedImportOptions = z.output<typeof feedImportOptions>;

/** A CBP Border Wait Times snapshot saved to a file: when it was fetched decides which day a lane's time of day is. */
export const cbpImportOptions = z.strictObject({
  dryRun: z.boolean().default(false),
  fetchedAt: instant,
  /** Where the snapshot was fetched from, kept as every reading's source URL. */
  sourceUrl: httpUrl.optional(),
});
export type CbpImportOptions = z.output<typeof cbpImportOptions>;

/** What a feed import did, or on a dry run would do. All or nothing: one bad row and nothing is stored. */
export type FeedImportReport = {
  dryRun: boolean;
  committed: boolean;
  layout: string;
  rows: number;
  invalid: number;
  /** Crossings the file names (BTS ports) that were new, changed or as stored. */
  crossings: { created: number; updated: number; unchanged: number };
  created: number;
  existing: number;
  /** Rows that would change a value already stored under the same key (for trade: revisions). */
  conflicts: number;
  revisions: number;
  errors: RowError[];
  errorsTruncated: boolean;
  seconds: number;
};
