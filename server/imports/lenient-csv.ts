/**
 * A CSV reader that takes what spreadsheets write, as Excel and Python's csv module read it:
 * RFC 4180 quoting, and beside it a quote inside an unquoted cell is text (`<a href="x">`),
 * text after a closing quote is kept, a BOM is dropped, CRLF, LF and CR all end lines.
 * Unlike csv-parse (which counted a CRLF inside a quoted cell as two lines and gave up on the
 * whole file at the first bad quote), `line` is the physical line a record starts on, and a
 * record that cannot be read (a quote never closed) is that record's error: reading goes on at
 * the line after it started.
 */
export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** A quoted cell may hold line breaks, but a cell longer than this is a quote left open. */
const MAX_QUOTED_LINES = 200;

/**
 * The records of `text`, which starts on line `firstLine`. Unless `final`, a record that
 * reaches the end of the text may go on in the next chunk: it is left unread, and `rest`
 * says where the next chunk's text must start.
 */
export function parseCsvChunk(text: string, firstLine: number, final: boolean): { records: CsvRecord[]; rest: number; line: number } {
  const records: CsvRecord[] = [];
  let i = firstLine === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  const n = text.length;
  while (i < n) {
    const start = i;
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let broken = false;
    // One record: cells until an unquoted line break or the end.
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // A quoted cell: "" is a quote; it ends at a quote not followed by another.
        i++;
        let lines = 0;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) (cell += '"', (i += 2));
            else {
              i++;
              closed = true;
              break;
            }
          } else {
            if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) lines++;
            if (lines > MAX_QUOTED_LINES) break;
            cell += text[i];
            i++;
          }
        }
        // A quote "closing" a cell that ran over lines but followed by more text was the opening quote of a later
        // cell: this cell's quote was never closed.
        const next = text.charCodeAt(i);
        if (!closed || (lines > 0 && i < n && next !== COMMA && next !== CR && next !== LF)) {
          broken = true;
          break;
        }
        line += lines;
        // Text after the closing quote belongs to the cell ("a"b reads as ab).
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          cell += text[i];
          i++;
        }
      } else {
        // Unquoted: everything to the next comma or line break, quotes included.
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          i++;
        }
        cell = text.slice(from, i);
      }
      cells.push(cell);
      cell = '';
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    // The record (or its line break) may go on in the next chunk.
    if (!final && i >= n - 1) return { records, rest: start, line: startLine };
    if (broken) {
      // Resume on the line after the record's first line; the rest of that line is lost to this record's error.
      i = start;
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      i = skipLineBreak(text, i);
      line = startLine + 1;
      records.push({ line: startLine, error: 'has a quote (") that is never closed; quote the whole cell and double any quote inside it' });
      continue;
    }
    const end = i;
    i = skipLineBreak(text, i);
    if (i > end) line++;
    // Blank lines are skipped, as a spreadsheet's trailing empty rows are.
    if (cells.length === 1 && cells[0].trim() === '') continue;
    records.push({ line: startLine, cells });
  }
  return { records, rest: n, line };
}

/** Parses a whole text at once (tests, small files). */
export const parseCsvText = (text: string) => parseCsvChunk(text, 1, true).records;

/** The records of a file, read 1 MB at a time: memory stays flat whatever its size. */
export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let buffer = '';
  let line = 1;
  for await (const chunk of chunks) {
    buffer += chunk;
    const r = parseCsvChunk(buffer, line, false);
    yield* r.records;
    buffer = buffer.slice(r.rest);
    line = r.line;
  }
  yield* parseCsvChunk(buffer, line, true).records;
}

function skipLineBreak(text: string, i: number): number {
  if (text.charCodeAt(i) === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  if (text.charCodeAt(i) === LF) return i + 1;
  return i;
}
