import fs from 'node:fs';
import { readCsvRecords } from './lenient-csv.js';
import { HttpError } from '../http/http-error.js';

/** One record from an uploaded file: its line (CSV) or feature number (GeoJSON) and its fields. */
export type SourceRow = { line: number; fields: Record<string, unknown>; error?: string };

/**
 * Streams the records of a CSV file (lenient-csv.ts): the header row names the fields; `line`
 * is the physical line the record starts on, as a spreadsheet numbers it. A record that cannot
 * be read becomes a row with `error`, so one bad line never sinks the file.
 */
export async function* readCsvRows(file: string, maxRows: number): AsyncGenerator<SourceRow> {
  let header: string[] | null = null;
  let count = 0;
  for await (const record of readCsvRecords(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }))) {
    if (!header) {
      if ('error' in record) throw new HttpError(400, 'invalid_file', `The header row (line ${record.line}) ${record.error}`, { rows: [{ line: record.line, fields: [{ path: '', message: record.error }] }] });
      header = record.cells.map((c) => c.trim());
      continue;
    }
    if (++count > maxRows) throw new HttpError(413, 'payload_too_large', `The file has more than ${maxRows} rows; split it`);
    if ('error' in record) {
      yield { line: record.line, fields: {}, error: record.error };
      continue;
    }
    const extra = record.cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length) {
      yield { line: record.line, fields: {}, error: `has ${record.cells.length} cells but the header names ${header.length} columns` };
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name) fields[name] = record.cells[i] ?? '';
    });
    yield { line: record.line, fields };
  }
  if (!header) throw new HttpError(400, 'invalid_file', 'The CSV is empty: it needs a header row', { fields: [{ path: 'file', message: 'is empty' }] });
}

/** The header row of a CSV file, for guessing the column mapping. */
export async function readCsvHeader(file: string): Promise<string[]> {
  for await (const record of readCsvRecords(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }))) {
    return 'cells' in record ? record.cells.map((c) => c.trim()) : [];
  }
  return [];
}

/**
 * The features of a GeoJSON FeatureCollection as rows: properties are the fields, a Point
 * geometry gives observerLon/observerLat. GeoJSON is read whole (the size limit applies),
 * since a FeatureCollection cannot be validated before its closing bracket anyway.
 */
export async function* readGeoJsonRows(file: string, maxRows: number): AsyncGenerator<SourceRow> {
  let doc: { type?: string; features?: { properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null }[] };
  try {
    doc = JSON.parse(await fs.promises.readFile(file, 'utf8').then((s) => s.replace(/^\uFEFF/, '')));
  } catch (err) {
    const message = `is not valid JSON: ${(err as Error).message}`;
    throw new HttpError(400, 'invalid_file', `The GeoJSON ${message}`, { fields: [{ path: 'file', message }] });
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new HttpError(400, 'invalid_file', 'The GeoJSON must be a FeatureCollection', { fields: [{ path: 'file', message: 'must be a GeoJSON FeatureCollection with a features array' }] });
  }
  if (doc.features.length > maxRows) throw new HttpError(413, 'payload_too_large', `The file has more than ${maxRows} features; split it`);
  for (const [i, f] of doc.features.entries()) {
    const fields: Record<string, unknown> = { ...(f?.properties ?? {}) };
    const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    if (Array.isArray(c) && c.length >= 2) [fields.observerLon, fields.observerLat] = c;
    yield { line: i + 1, fields };
  }
}
