import type { ImportField, ImportOptions } from '../contracts/imports.js';
import type { FieldIssue } from '../http/http-error.js';
import type { CrossingMatch } from './crossing-names.js';
import { parseDateTime } from './parse-date-time.js';

const NUMERIC: ImportField[] = ['value', 'observerLat', 'observerLon', 'observerAccuracyM', 'confidence'];
const DATE_TIMES: ImportField[] = ['observedAt', 'periodStart', 'periodEnd', 'retrievedAt'];
const TOP_LEVEL = ['id', 'crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source', 'measure', 'sourceUrl', 'retrievedAt', 'confidence', 'notes'] as const satisfies readonly ImportField[];

/** What our CSV export put before text a spreadsheet would run as a formula (app/src/csv.ts): taken off again. */
/** Where the observation contract reports each field, so one problem is named once. */
const CONTRACT_PATH: Partial<Record<ImportField, string>> = {
  periodStart: 'period.start', periodEnd: 'period.end', observerLat: 'observer.lat', observerLon: 'observer.lon', observerAccuracyM: 'observer.accuracyM',
};

const NEUTRALIZED = /^'(?=[=+\-@\t\r])/;

export type RowContext = {
  opts: Pick<ImportOptions, 'defaults' | 'timezone' | 'dateOrder'>;
  /** Field → column, the mapping given over the guesses from the header. */
  columns: Partial<Record<ImportField, string>>;
  matchCrossing: (value: string) => CrossingMatch;
};

/**
 * A file row, through the column mapping and defaults, as the object the observation contract
 * validates, with the problems found on the way (a date-time or crossing name not understood):
 * every problem of the row is reported together with the contract's. Empty cells are absent;
 * numbers are parsed (a bad one stays NaN so the contract names the field); date-times become
 * ISO instants; a crossing name becomes its id.
 */
export function rowToObservation(fields: Record<string, unknown>, ctx: RowContext): { item: Record<string, unknown>; issues: FieldIssue[]; crossing?: { value: string; match: CrossingMatch } } {
  const issues: FieldIssue[] = [];
  let crossing: { value: string; match: CrossingMatch } | undefined;
  const get = (f: ImportField): unknown => {
    const v = fields[ctx.columns[f] ?? f];
    const present = v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
    const raw = present ? v : ctx.opts.defaults[f];
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (typeof raw !== 'string') return raw;
    const s = raw.trim();
    if (NUMERIC.includes(f)) {
      const n = Number(s.replace(/^\+/, ''));
      if (Number.isFinite(n)) return n;
      issues.push({ path: CONTRACT_PATH[f] ?? f, message: `"${s}" is not a number` });
      return undefined;
    }
    if (DATE_TIMES.includes(f)) {
      const d = parseDateTime(s, ctx.opts);
      if (d.ok) return d.date.toISOString();
      issues.push({ path: CONTRACT_PATH[f] ?? f, message: d.message });
      return undefined;
    }
    if (f === 'crossingId') {
      const match = ctx.matchCrossing(s);
      crossing = { value: s, match };
      if (match.ok) return match.id;
      issues.push({ path: f, message: match.message });
      return undefined;
    }
    return s.replace(NEUTRALIZED, '');
  };
  // Only the fields given are set (an absent field is absent, not undefined); built up rather than deleted from,
  // which would turn the object into a slow dictionary for the validation that reads it next.
  const o: Record<string, unknown> = {};
  for (const f of TOP_LEVEL) {
    const v = get(f);
    if (v !== undefined) o[f] = v;
  }
  const [start, end] = [get('periodStart'), get('periodEnd')];
  if (start !== undefined || end !== undefined) o.period = { start, end };
  const [from, to] = [get('directionFrom'), get('directionTo')];
  if (from !== undefined || to !== undefined) o.direction = { from, to };
  const [lat, lon, acc] = [get('observerLat'), get('observerLon'), get('observerAccuracyM')];
  if (lat !== undefined || lon !== undefined) o.observer = { lat, lon, ...(acc !== undefined && { accuracyM: acc }) };
  return { item: o, issues, crossing };
}
