import { z } from 'zod';

/** Observation fields a file column can be mapped to. */
export const IMPORT_FIELDS = [
  'id', 'crossingId', 'observedAt', 'periodStart', 'periodEnd', 'metric', 'value', 'vehicleClass',
  'directionFrom', 'directionTo', 'method', 'source', 'sourceUrl', 'retrievedAt',
  'observerLat', 'observerLon', 'observerAccuracyM', 'confidence', 'notes',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

const fieldRecord = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(IMPORT_FIELDS), value);

export const importOptions = z.strictObject({
  /** Field → the file's column (CSV header or GeoJSON property) that holds it. Unmapped fields use their own name. */
  mapping: fieldRecord(z.string().min(1).max(200)).default({}),
  /** Field → a value for every row, where the file has none (e.g. one source for the whole file). */
  defaults: fieldRecord(z.string().max(2000)).default({}),
  dryRun: z.boolean().default(true),
  /** `all`: store every row or none; `valid`: store the valid rows and report the rest. */
  mode: z.enum(['all', 'valid']).default('all'),
});

export type ImportOptions = z.output<typeof importOptions>;

export type RowError = { line: number; fields: { path: string; message: string }[] };

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
};
