import type { ImportField } from './imports.js';

/** What each import field is, in words a person mapping a spreadsheet's columns reads. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  id: 'Observation id (UUID)',
  crossingId: 'Crossing (id or name)',
  observedAt: 'Observed at (date and time)',
  periodStart: 'Counted from',
  periodEnd: 'Counted until',
  metric: 'What was measured',
  value: 'Value',
  vehicleClass: 'Vehicle class',
  directionFrom: 'Direction: from country',
  directionTo: 'Direction: to country',
  method: 'Method',
  source: 'Source',
  measure: "Publisher's measure name",
  sourceUrl: 'Source link',
  retrievedAt: 'Retrieved at',
  observerLat: 'Observer latitude',
  observerLon: 'Observer longitude',
  observerAccuracyM: 'Observer position accuracy (m)',
  confidence: 'Confidence (0–1)',
  notes: 'Notes',
};

/**
 * Header names that mean each field, written as `normalize` leaves them: ours (camelCase), the
 * CSV export's (snake_case), the BTS border-crossing file's and KoBo/ODK exports'.
 */
const HEADER_NAMES: Record<ImportField, string[]> = {
  id: ['id', 'observationid', 'uuid', 'instanceid', 'metainstanceid', 'key'],
  crossingId: ['crossingid', 'crossing', 'crossingname', 'port', 'portname', 'portcode', 'border', 'bordercrossing'],
  observedAt: ['observedat', 'observed', 'datetime', 'date', 'time', 'timestamp', 'observationtime', 'submissiontime', 'submissiondate', 'start'],
  periodStart: ['periodstart', 'from', 'countedfrom'],
  periodEnd: ['periodend', 'to', 'counteduntil'],
  metric: ['metric', 'measuretype'],
  value: ['value', 'count', 'number'],
  vehicleClass: ['vehicleclass', 'vehicle', 'vehicletype', 'class'],
  directionFrom: ['directionfrom', 'fromcountry'],
  directionTo: ['directionto', 'tocountry'],
  method: ['method'],
  source: ['source'],
  measure: ['measure'],
  sourceUrl: ['sourceurl', 'url', 'link'],
  retrievedAt: ['retrievedat', 'retrieved'],
  observerLat: ['observerlat', 'observerlatitude', 'latitude'],
  observerLon: ['observerlon', 'observerlongitude', 'longitude'],
  observerAccuracyM: ['observeraccuracym', 'observeraccuracy', 'accuracy', 'precision'],
  confidence: ['confidence'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks'],
};

/** Lower case, letters and digits only; a form group's prefix (`group/field`) dropped. */
export const normalizeHeader = (h: string) => h.replace(/^.*\//, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A column for each field the header seems to hold. An exact match of the field's own name comes
 * first; ODK's `location-Latitude` and KoBo's `_location_latitude` end in the word they mean.
 */
export function guessMapping(header: string[]): Partial<Record<ImportField, string>> {
  const guess: Partial<Record<ImportField, string>> = {};
  const taken = new Set<string>();
  const fields = Object.keys(HEADER_NAMES) as ImportField[];
  const pick = (f: ImportField, match: (n: string) => boolean) => {
    if (guess[f]) return;
    const column = header.find((h) => !taken.has(h) && match(normalizeHeader(h)));
    if (column !== undefined) (guess[f] = column, taken.add(column));
  };
  for (const f of fields) pick(f, (n) => n === f.toLowerCase());
  for (const f of fields) for (const name of HEADER_NAMES[f]) pick(f, (n) => n === name);
  for (const [f, end] of [['observerLat', 'latitude'], ['observerLon', 'longitude'], ['observerAccuracyM', 'precision'], ['observerAccuracyM', 'accuracy']] as const) {
    pick(f, (n) => n.endsWith(end));
  }
  return guess;
}
