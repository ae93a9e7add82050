import { z } from 'zod';
import { fieldIssue, httpUrl, instant, text } from './common.js';
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

/** One bad row of a file: its line (CSV: the physical line, as a spreadsheet numbers it; GeoJSON: the feature's number) and what is wrong. */
export const rowError = z.object({ line: z.number().int(), fields: z.array(fieldIssue) });
export type RowError = z.output<typeof rowError>;

/** A crossing name in the file that matched no crossing, or several. */
const unmatchedCrossing = z.object({
  value: z.string().describe('The name as the file writes it'),
  rows: z.number().int(),
  firstLine: z.number().int(),
  candidates: z.array(z.object({ id: z.string(), name: z.string() })).describe('Crossings it may mean, best first'),
});
export type UnmatchedCrossing = z.output<typeof unmatchedCrossing>;

/** The tally every importer keeps (import-report.ts): on a dry run, what a commit would do. */
const rowTally = {
  created: z.number().int(),
  existing: z.number().int().describe('Rows already stored with the same content'),
  conflicts: z.number().int().describe('Rows that would change what is stored under the same id or key'),
};

/** `POST /api/imports` (also with status 422 when nothing was committed): what the import did, or on a dry run would do. */
export const importReportResponse = z.object({
  dryRun: z.boolean(),
  mode: z.enum(['all', 'valid']),
  format: z.enum(['csv', 'geojson']),
  committed: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  ...rowTally,
  errors: z.array(rowError).describe('The first 1,000 bad rows, in file order'),
  errorsTruncated: z.boolean(),
  importId: z.uuid().nullable().describe('The stored import, once a commit stored a row'),
  seconds: z.number(),
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()).describe('Field → the column it was read from (the mapping given, or guessed from the header)'),
  unmatchedCrossings: z.array(unmatchedCrossing),
  preview: z.array(z.object({
    line: z.number().int(),
    observation: z.record(z.string(), z.unknown()).describe('The observation as it will be stored (the fields of POST /api/observations)'),
  })).describe('The first valid rows as they will be stored, on a dry run'),
});
export type ImportReport = z.output<typeof importReportResponse>;

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

/** `POST /api/imports/bts|trade|cbp`: what a feed import did, or on a dry run would do. All or nothing: one bad row and nothing is stored. */
export const feedImportReportResponse = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  layout: z.string().describe('Which layout the file was read as'),
  rows: z.number().int(),
  invalid: z.number().int(),
  crossings: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
    .describe('Crossings the file names (BTS ports) that were new, changed or as stored'),
  ...rowTally,
  revisions: z.number().int().describe('Trade figures that change a current one: stored as its next revision, the old one kept as superseded'),
  errors: z.array(rowError),
  errorsTruncated: z.boolean(),
  seconds: z.number(),
});
export type FeedImportReport = z.output<typeof feedImportReportResponse>;
