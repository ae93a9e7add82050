import type { ImportField, ImportOptions } from '../contracts/imports.js';

const NUMERIC: ImportField[] = ['value', 'observerLat', 'observerLon', 'observerAccuracyM', 'confidence'];

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
  const o: Record<string, unknown> = {
    id: get('id'),
    crossingId: get('crossingId'),
    observedAt: get('observedAt'),
    metric: get('metric'),
    value: get('value'),
    vehicleClass: get('vehicleClass'),
    method: get('method'),
    source: get('source'),
    sourceUrl: get('sourceUrl'),
    retrievedAt: get('retrievedAt'),
    confidence: get('confidence'),
    notes: get('notes'),
  };
  const [start, end] = [get('periodStart'), get('periodEnd')];
  if (start !== undefined || end !== undefined) o.period = { start, end };
  const [from, to] = [get('directionFrom'), get('directionTo')];
  if (from !== undefined || to !== undefined) o.direction = { from, to };
  const [lat, lon, acc] = [get('observerLat'), get('observerLon'), get('observerAccuracyM')];
  if (lat !== undefined || lon !== undefined) o.observer = { lat, lon, ...(acc !== undefined && { accuracyM: acc }) };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
