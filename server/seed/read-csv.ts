import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Reads one of the small reference CSVs in `data/` as objects keyed by header. */
export function readDataCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(new URL(file, `file://${DATA_DIR}`), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
}
