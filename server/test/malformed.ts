import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';

/** Generated inputs per endpoint (FUZZ_RUNS to try more or fewer). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

// Generators of malformed input for the property-based tests: start from something valid and break it the ways
// real clients do (a phone with a flaky connection, a spreadsheet export, a hand-edited file), plus pure junk.

/** JSON texts of values that are legal JSON but poison for careless code, and some that are not legal at all. */
const POISON_JSON = [
  'NaN', 'Infinity', '-Infinity', '-0', '1e400', '-1e400', '1e-400', '123456789012345678901234567890', '9007199254740993',
  '""', '" "', '"\\u0000"', '"\\ud800"', '"\\ufeffvalue"', '"Ã©Ã¨"', '"a\\r\\nb"', '"<script>alert(1)</script>"', '"=1+1"',
  'null', 'true', 'false', '[]', '{}', '[[[[[]]]]]', '{"__proto__":{"polluted":1}}', '[124.39, 40.11]',
  '"2025-13-45T99:99:99Z"', '"0000-01-01T00:00:00Z"', '"9999-12-31T23:59:59Z"', '"2025-02-30"', '"yesterday"',
  `"${'x'.repeat(10_000)}"`, '"../../etc/passwd"', '"%00"', '"\\u202e"',
];

export const poisonJson = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POISON_JSON) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.double().map((d) => (Number.isFinite(d) ? String(d) : JSON.stringify(String(d)))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)) },
);

type Fields = Record<string, string>; // key → JSON text of its value

/** An object's fields as JSON texts, so a value such as `-0` or `1e400` survives to the wire. */
export const asFields = (o: Record<string, unknown>): Fields => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, JSON.stringify(v)]));
const objectText = (f: Fields) => `{${Object.entries(f).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** One to three edits of a valid object: a field poisoned, dropped, added, or latitude and longitude swapped. */
export function brokenObject(valid: Fields): fc.Arbitrary<string> {
  const keys = Object.keys(valid);
  const edit = fc.oneof(
    fc.tuple(fc.constant('poison' as const), fc.constantFrom(...keys), poisonJson),
    fc.tuple(fc.constant('drop' as const), fc.constantFrom(...keys), fc.constant('')),
    fc.tuple(fc.constant('add' as const), fc.string({ minLength: 1, maxLength: 12 }), poisonJson),
    fc.tuple(fc.constant('swap-coordinates' as const), fc.constant(''), fc.constant('')),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const f = { ...valid };
    for (const [kind, key, value] of edits) {
      if (kind === 'poison') f[key] = value;
      else if (kind === 'drop') delete f[key];
      else if (kind === 'add') f[key] = value;
      else f.observer = '{"lat":124.39,"lon":40.11}'; // longitude first, as GeoJSON writes it
    }
    return objectText(f);
  });
}

/** Breakage of the text itself: a BOM, CRLF, truncation anywhere, the bytes in another encoding. */
export function brokenText(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc.tuple(text, fc.constantFrom('none', 'bom', 'crlf', 'truncate', 'latin1', 'utf16'), fc.nat()).map(([t, how, cut]) => {
    switch (how) {
      case 'bom': return Buffer.from(`\uFEFF${t}`);
      case 'crlf': return Buffer.from(t.replace(/\n/g, '\r\n').replace(/,/g, ',\r\n'));
      case 'truncate': return Buffer.from(t).subarray(0, t.length ? cut % t.length : 0);
      case 'latin1': return Buffer.from(t.replace(/"source":"/, '"source":"Sinŭiju 新義州 '), 'latin1');
      case 'utf16': return Buffer.from(t, 'utf16le');
      default: return Buffer.from(t);
    }
  });
}

/** Anything at all as a request body. */
export const junkBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
);

/** A CSV from valid rows, with cells poisoned, quotes unbalanced, columns swapped or missing, lines cut. */
export function brokenCsv(header: string[], rows: string[][]): fc.Arbitrary<Buffer> {
  const cell = fc.oneof(
    fc.constantFrom('NaN', '-0', '1e400', '', ' ', '"', '"unclosed', 'a"b', '=HYPERLINK("x")', '+1', '@SUM(1)', '-1',
      '124.39 40.11', 'POINT (40.11 124.39)', '2025-13-45', '03/01/2019 12:00:00 AM', '0000-00-00', 'x'.repeat(5000), '\u0000', '新義州', 'Ã©'),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: cell }),
    fc.record({ kind: fc.constant('drop-column' as const), row: fc.constant(0), col: fc.nat(), value: fc.constant('') }),
    fc.record({ kind: fc.constant('swap-header' as const), row: fc.nat(), col: fc.nat(), value: fc.constant('') }),
    fc.record({ kind: fc.constant('extra-cells' as const), row: fc.nat(), col: fc.nat(), value: cell }),
  );
  const text = fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let h = [...header];
    let r = rows.map((x) => [...x]);
    for (const e of edits) {
      const row = r[e.row % r.length];
      if (e.kind === 'cell') row[e.col % row.length] = e.value;
      else if (e.kind === 'drop-column') {
        const c = e.col % h.length;
        h = h.filter((_, i) => i !== c);
        r = r.map((x) => x.filter((_, i) => i !== c));
      } else if (e.kind === 'swap-header') {
        const [a, b] = [e.row % h.length, e.col % h.length];
        [h[a], h[b]] = [h[b], h[a]];
      } else row.push(e.value, e.value);
    }
    return [h, ...r].map((x) => x.join(',')).join('\n') + '\n';
  });
  return fc.oneof({ weight: 5, arbitrary: brokenText(text) }, { weight: 1, arbitrary: junkBody });
}

/**
 * What every answer to bad input must be: not a 5xx, and a 4xx in the one error shape that says what was wrong —
 * the fields (by path) or rows (by line) for a 400, the reason for the others. Returns the problem, or null.
 */
export function problemWith(res: { status: number; body: unknown; text: string }): string | null {
  if (res.status >= 500) return `${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  // An import refused whole (422) answers with its report: the rows, by line, and what is wrong in each.
  if (res.status === 422 && Array.isArray((res.body as { errors?: unknown })?.errors)) {
    const report = res.body as { errors: unknown[] };
    return report.errors.length ? reportProblem(report as never) : `422 report naming no row: ${res.text.slice(0, 300)}`;
  }
  type Issue = { path?: unknown; message?: unknown };
  const error = (res.body as { error?: { code?: string; message?: string; details?: { fields?: Issue[]; rows?: { line?: unknown; fields?: Issue[] }[] } } })?.error;
  if (!error?.code || !error.message) return `${res.status} without the error shape: ${res.text.slice(0, 300)}`;
  if (res.status === 400) {
    const named = (issues: Issue[] | undefined) =>
      Array.isArray(issues) && issues.length > 0 && issues.every((f) => typeof f.path === 'string' && typeof f.message === 'string' && f.message);
    const rows = error.details?.rows;
    const rowsNamed = Array.isArray(rows) && rows.length > 0 && rows.every((r) => typeof r.line === 'number' && named(r.fields));
    if (!named(error.details?.fields) && !rowsNamed) return `400 naming no field or row: ${res.text.slice(0, 300)}`;
  }
  return null;
}

/** An import report's rejected rows must say which line. */
export function reportProblem(body: { errors?: { line?: unknown; fields?: unknown[] }[] } | undefined): string | null {
  for (const e of body?.errors ?? []) {
    if (typeof e.line !== 'number' || !Array.isArray(e.fields) || e.fields.length === 0) return `row error without line or fields: ${JSON.stringify(e).slice(0, 200)}`;
  }
  return null;
}

/**
 * Sends bytes exactly as given (supertest re-encodes some bodies) to an app listening on `baseUrl`, and reads
 * the answer the way `problemWith` wants it.
 */
export async function sendRaw(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | FormData) {
  const res = await fetch(`${baseUrl}${path}`, { method: method.toUpperCase(), headers, body: (body instanceof Buffer ? new Uint8Array(body) : body) as BodyInit | undefined });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed };
}

/** The app on a loopback port, for `sendRaw`. */
export async function listenOnLoopback(app: http.RequestListener) {
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
