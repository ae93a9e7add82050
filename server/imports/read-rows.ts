import fs from 'node:fs';
import { parse } from 'csv-parse';
import { HttpError } from '../http/http-error.js';

/** One record from an uploaded file: its line (CSV) or feature number (GeoJSON) and its fields. */
export type SourceRow = { line: number; fields: Record<string, unknown> };

/**
 * Streams the records of a CSV file: header row, RFC 4180 quoting, a UTF-8 BOM and CRLF
 * handled; `line` is the line the record starts on, as a spreadsheet numbers it.
 */
export async function* readCsvRows(file: string, maxRows: number): AsyncGenerator<SourceRow> {
  const parser = fs.createReadStream(file).pipe(
    parse({ columns: (h: string[]) => h.map((c) => c.trim()), bom: true, skip_empty_lines: true, info: true, relax_column_count: false, trim: true }),
  );
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (++count > maxRows) throw new HttpError(413, 'payload_too_large', `The file has more than ${maxRows} rows; split it`);
      yield { line: info.lines, fields: record };
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const e = err as { code?: string; lines?: number; message: string };
    throw new HttpError(400, 'invalid_file', `The CSV could not be read at line ${e.lines ?? '?'}: ${e.message}`, {
      rows: [{ line: e.lines ?? 0, fields: [{ path: '', message: e.message }] }],
    });
  }
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
