import { z } from 'zod';
import { MONTH_PATTERN, type Metric } from './vocabulary.js';

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must be well-formed Unicode (a lone surrogate such as \\ud800 is not)';

/**
 * Free text. PostgreSQL cannot store U+0000, nor a lone UTF-16 surrogate in JSON: refused here by name, instead
 * of failing the whole write in the database.
 */
export const text = () =>
  z
    .string()
    .regex(/^[^\u0000]*$/, NUL_MESSAGE)
    .refine((s) => s.isWellFormed(), SURROGATE_MESSAGE);

/** The same rule for readers that check fields by hand (feed files): what is wrong with `s`, or null. */
export const textProblem = (s: string): string | null => (s.includes('\u0000') ? NUL_MESSAGE : s.isWellFormed() ? null : SURROGATE_MESSAGE);

export const iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, such as CN');

/** `YYYY-MM` with a real month (01–12). */
export const month = z.string().regex(MONTH_PATTERN, 'must be a month written YYYY-MM (01–12)');

/** A direction filter: `CN-KP` (from CN to KP) or `unknown`. */
export const direction = z
  .string()
  .regex(/^([A-Z]{2}-[A-Z]{2}|unknown)$/, 'must be FROM-TO (such as CN-KP) or unknown');

export const year = z.string().regex(/^\d{4}$/, 'must be a year written YYYY');

/** An instant with an explicit offset (`Z` or `+09:00`), returned as a Date. */
export const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, such as 2025-11-03T08:30:00Z' })
  // Year 0000 is valid ISO but not a date PostgreSQL takes; no border crossing was counted before 1900.
  .refine((s) => new Date(s).getUTCFullYear() >= 1900, 'must be in 1900 or later')
  .transform((s) => new Date(s));

/** A query-string bound: a date (`2025-11-03`) or a date-time with a zone. */
export const instantOrDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone',
  })
  .refine((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).getUTCFullYear() >= 1900, 'must be in 1900 or later')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

/** JSON numbers that overflow (1e999) parse to Infinity; reject them by name. */
export const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

export {
  COUNT_METRICS, CROSSING_KINDS, CROSSING_STATUSES, METHODS, METRICS, MONTH_PATTERN, REVIEW_STATUSES, ROLES, VEHICLE_CLASSES,
} from './vocabulary.js';
export type { CrossingKind, CrossingStatus, Method, Metric, ReviewStatus, Role, VehicleClass } from './vocabulary.js';

/** What one value of each metric is counted in (CSV `unit` columns). */
export const METRIC_UNITS: Record<Metric, string> = {
  queue_vehicles: 'vehicles', queue_length_m: 'metres', crossed_vehicles: 'vehicles', wait_minutes: 'minutes',
};

/** What every observation made up for the demo carries as its source. */
export const SYNTHETIC_SOURCE = 'synthetic demo — made up for illustration, not evidence';

export const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

/** An instant in an answer: always UTC with milliseconds, as `Date.toISOString()` writes it. */
export const dateTime = z.iso.datetime();

/** The `{ path, message }` naming one bad field (or row column), as in every 400's `details.fields`. */
export const fieldIssue = z.object({ path: z.string(), message: z.string() });
