import type { FieldIssue } from '../http/http-error.js';
import { textProblem } from '../contracts/common.js';
import { BTS_MEASURES, normalizeBtsMeasure } from './bts-measures.js';

/** One BTS row, normalized across the two layouts. */
export type BtsRecord = {
  portCode: string;
  portName: string;
  state: string;
  /** The other country: MX or CA. */
  neighbour: 'MX' | 'CA';
  month: string;
  measure: string;
  value: number;
  lon: number | null;
  lat: number | null;
};

const POINT = /^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i;

/** `2020-01-01` (current) or `03/01/2019 12:00:00 AM` (older) → `YYYY-MM`; must be a month's first day. */
function monthOf(date: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) return m[3] === '01' && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : null;
  m = /^(\d{2})\/(\d{2})\/(\d{4})(?: 12:00:00 AM)?$/.exec(date);
  if (m) return m[2] === '01' && Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[3]}-${m[1]}` : null;
  // The BTS API also writes ISO date-times at midnight.
  m = /^(\d{4})-(\d{2})-01T00:00:00(?:\.000)?Z?$/.exec(date);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : null;
}

/** A row of either layout → a record, or the fields that are wrong (named as in the file). */
export function parseBtsRow(r: Record<string, string>): { record: BtsRecord } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const need = (col: string) => {
    const v = (r[col] ?? '').trim();
    // Port Name and State become the crossing's name as they are; the database refuses a NUL.
    const problem = v ? textProblem(v) : 'is required';
    if (problem) issues.push({ path: col, message: problem });
    return problem ? '' : v;
  };
  // Port codes are four digits; some copies drop the leading zero (708 for 0708).
  const rawPort = need('Port Code');
  const portCode = /^\d{3}$/.test(rawPort) ? `0${rawPort}` : rawPort;
  const portName = need('Port Name');
  const state = need('State');
  const border = need('Border');
  const measure = normalizeBtsMeasure(need('Measure'));
  const rawValue = need('Value');
  const date = need('Date');

  if (rawPort && !/^\d{4}$/.test(portCode)) issues.push({ path: 'Port Code', message: 'must be a port code of four digits' });
  const neighbour = /mexico/i.test(border) ? 'MX' : /canada/i.test(border) ? 'CA' : null;
  if (border && !neighbour) issues.push({ path: 'Border', message: 'must be US-Mexico Border or US-Canada Border' });
  if (measure && !BTS_MEASURES[measure]) issues.push({ path: 'Measure', message: `is not a BTS measure: ${measure}` });
  const value = Number(rawValue);
  if (rawValue && !(/^\d+$/.test(rawValue) && Number.isSafeInteger(value))) issues.push({ path: 'Value', message: 'must be a whole number of 0 or more' });
  const month = date ? monthOf(date) : null;
  if (date && !month) issues.push({ path: 'Date', message: 'must be the first day of a month (2020-01-01 or 01/01/2020 12:00:00 AM)' });

  // Coordinates: the WKT point in Point (current) or Location (older), which has more decimals
  // than Latitude/Longitude; those when there is no point.
  let lon: number | null = null;
  let lat: number | null = null;
  const point = POINT.exec((r.Point ?? r.Location ?? '').trim());
  if (point) [lon, lat] = [Number(point[1]), Number(point[2])];
  else if (r.Latitude?.trim() && r.Longitude?.trim()) [lat, lon] = [Number(r.Latitude), Number(r.Longitude)];
  if (lat !== null && lon !== null && !(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
    issues.push({ path: r.Point !== undefined ? 'Point' : 'Location', message: 'must be POINT (longitude latitude) on the globe' });
  }
  if (issues.length) return { issues };
  return { record: { portCode, portName, state, neighbour: neighbour!, month: month!, measure, value, lon, lat } };
}
