import type { ImportField, ImportOptions } from '../contracts/imports.js';

const NUMERIC: ImportField[] = ['value', 'observerLat', 'observerLon', 'observerAccuracyM', 'confidence'];
const TOP_LEVEL = ['id', 'crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source', 'sourceUrl', 'retrievedAt', 'confidence', 'notes'] as const satisfies readonly ImportField[];

/**
 * A file row, through the column mapping and defaults, as the object the observation
 * contract validates. Empty cells are absent; numbers are parsed (a bad one stays NaN so the
 * contract names the field).
 */
export function rowToObservation(fields: Record<string, unknown>, opts: Pick<ImportOptions, 'mapping' | 'defaults'>): Record<string, unknown> {
  const get = (f: ImportField): unknown => {
    const column = opts.mapping[f] ?? f;
    const v = fields[column];
    const present = v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
    const raw = present ? v : opts.defaults[f];
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (NUMERIC.includes(f) && typeof raw === 'string') return Number(raw.trim().replace(/^\+/, ''));
    return typeof raw === 'string' ? raw.trim() : raw;
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
  return o;
}
