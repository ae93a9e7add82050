import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Reads one of the reference CSVs in `data/` as objects keyed by header. */
export function readDataCsv(file: string): Record<string, string>[] {
  return readDataCsvLines(file).map((r) => r.row);
}

/** The same rows with the line each starts on (a quoted cell may hold line breaks), for messages. */
export function readDataCsvLines(file: string): { line: number; row: Record<string, string> }[] {
  const records: { record: Record<string, string>; info: { lines: number } }[] = parse(
    fs.readFileSync(new URL(file, `file://${DATA_DIR}`), 'utf8'),
    { columns: true, skip_empty_lines: true, bom: true, info: true },
  );
  let previousEnd = 1;
  return records.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { line, row: record };
  });
}
