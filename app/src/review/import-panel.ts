import { IMPORT_FIELDS, type ImportField, type ImportReport } from '../../../server/contracts/imports.js';
import { IMPORT_FIELD_LABELS, guessMapping } from '../../../server/contracts/import-columns.js';
import { parseCsvChunk } from '../../../server/imports/lenient-csv.js';
import { el } from '../ui/dom.js';

const REQUIRED = ['crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source'];
const DEFAULTABLE = ['metric', 'vehicleClass', 'method', 'source'] as const;

/** The header row of a CSV, read by the server's own reader (lenient-csv.ts), to offer the columns for mapping. */
export function csvHeader(text: string): string[] {
  const first = parseCsvChunk(text, 1, true).records[0];
  return first && 'cells' in first ? first.cells.map((c) => c.trim()).filter(Boolean) : [];
}

/** Reads the NDJSON answer of /api/imports: progress lines, then the report. */
async function readReport(res: Response, onProgress: (rows: number) => void): Promise<{ status: number; report?: ImportReport; message?: string }> {
  if (!res.headers.get('content-type')?.includes('ndjson')) {
    const body = await res.json().catch(() => null);
    return { status: res.status, message: body?.error?.message ?? `${res.status}` };
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      if (line.type === 'progress') onProgress(line.rows);
      else return { status: line.status, report: line.report };
    }
  }
  return { status: 500, message: 'the answer ended early' };
}

/** Bulk upload for analysts and partners: pick a file, map its columns, check, then import. */
/** The bulk upload; `onImported` runs after rows were stored, so the queue shows them without a reload. */
export function importPanel(onImported: () => void = () => {}): HTMLElement {
  const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.geojson,.json' });
  const mapping = el('div', { className: 'mapping' });
  const status = el('p', { id: 'import-status', role: 'status' });
  const result = el('div', { id: 'import-result' });
  let columns: string[] = [];

  const timezone = el('input', { type: 'text', id: 'import-timezone', value: 'UTC', list: 'import-zones', autocomplete: 'off' });
  const zones = el('datalist', { id: 'import-zones' }, ...['UTC', 'Asia/Shanghai', 'Asia/Pyongyang', 'Asia/Seoul', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'].map((z) => el('option', { value: z })));
  const dateOrder = el('select', { id: 'import-date-order' },
    el('option', { value: 'ymd' }, 'ISO only (2025-11-16)'),
    el('option', { value: 'dmy' }, 'Day first (16/11/2025)'),
    el('option', { value: 'mdy' }, 'Month first (11/16/2025)'));
  const settings = el('div', { className: 'import-settings' },
    el('label', { for: 'import-timezone' }, 'Time zone of times without an offset'), timezone, zones,
    el('label', { for: 'import-date-order' }, 'Dates written with slashes or dots'), dateOrder);
  /** Names in the file the user matched to a crossing after a dry run: sent with every later run, kept by the server. */
  const aliases: Record<string, string> = {};

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    columns = f && /\.csv$/i.test(f.name) ? csvHeader(await f.slice(0, 64 * 1024).text()) : [];
    const guess = guessMapping(columns);
    for (const k of Object.keys(aliases)) delete aliases[k];
    result.replaceChildren();
    mapping.replaceChildren(...(columns.length ? IMPORT_FIELDS.map((field) => {
      const select = el('select', { id: `map-${field}`, 'data-field': field },
        el('option', { value: '' }, REQUIRED.includes(field) ? '(choose or give a default)' : '(none)'),
        ...columns.map((c) => el('option', { value: c, selected: c === guess[field] }, c)));
      return el('label', { className: 'map-row' }, el('span', {}, `${IMPORT_FIELD_LABELS[field as ImportField]}${REQUIRED.includes(field) ? ' *' : ''}`), select);
    }) : [el('p', {}, f ? 'GeoJSON: feature properties are read by field name; a Point is the observer position.' : '')]));
    mapping.append(...DEFAULTABLE.map((field) =>
      el('label', { className: 'map-row' }, el('span', {}, `${IMPORT_FIELD_LABELS[field]}: value for every row`), el('input', { type: 'text', id: `default-${field}`, 'data-default': field }))));
  });

  const send = async (dryRun: boolean, mode: 'all' | 'valid') => {
    const f = file.files?.[0];
    if (!f) return void (status.textContent = 'Choose a file first.');
    const map: Record<string, string> = {};
    mapping.querySelectorAll<HTMLSelectElement>('select[data-field]').forEach((s) => s.value && (map[s.dataset.field!] = s.value));
    const defaults: Record<string, string> = {};
    mapping.querySelectorAll<HTMLInputElement>('input[data-default]').forEach((i) => i.value.trim() && (defaults[i.dataset.default!] = i.value.trim()));
    const form = new FormData();
    form.append('options', JSON.stringify({ dryRun, mode, mapping: map, defaults, timezone: timezone.value.trim() || 'UTC', dateOrder: dateOrder.value, crossingAliases: aliases }));
    form.append('file', f, f.name);
    status.textContent = 'Reading the file…';
    result.replaceChildren();
    const res = await fetch('/api/imports', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/x-ndjson' } });
    const { report, message } = await readReport(res, (rows) => (status.textContent = `${rows.toLocaleString('en')} rows read…`));
    if (!report) return void (status.textContent = `Refused: ${message}`);
    result.append(...reportDetails(report, aliases));
    status.textContent = report.dryRun
      ? `Checked ${report.rows} rows: ${report.valid} valid, ${report.invalid} with errors; an import would add ${report.created}, find ${report.existing} already there, ${report.conflicts} conflicting.`
      : report.committed
        ? `Imported: ${report.created} added, ${report.existing} already there, ${report.invalid} rows with errors left out.`
        : `Nothing imported: ${report.invalid + report.conflicts} rows have errors (all or nothing).`;
    if (report.committed && report.created > 0) onImported();
  };
  const check = el('button', { type: 'button' }, 'Check (dry run)');
  const importAll = el('button', { type: 'button' }, 'Import all or nothing');
  const importValid = el('button', { type: 'button' }, 'Import valid rows only');
  check.addEventListener('click', () => void send(true, 'all'));
  importAll.addEventListener('click', () => void send(false, 'all'));
  importValid.addEventListener('click', () => void send(false, 'valid'));
  return el('details', { className: 'import-panel' },
    el('summary', {}, 'Bulk upload (CSV or GeoJSON)'),
    el('label', { for: 'import-file' }, 'File'), file, mapping, settings,
    el('div', { className: 'actions' }, check, importAll, importValid),
    status, result,
    el('p', {}, el('a', { href: '/api/exports/observations.csv?bom=1', download: '' }, 'Download every observation you can see (CSV for Excel)'),
      ' — it imports back unchanged.'));
}

/** What a dry run or import found: the rows as they will be stored, the crossing names to match, the errors by line. */
function reportDetails(report: ImportReport, aliases: Record<string, string>): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (report.preview.length) {
    out.push(el('h3', {}, `First ${report.preview.length} valid rows as they will be stored`),
      el('div', { className: 'table-scroll' }, el('table', { className: 'import-preview' },
        el('thead', {}, el('tr', {}, ...['Line', 'Crossing', 'Observed at (UTC)', 'Metric', 'Value', 'Method', 'Source'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...report.preview.map(({ line, observation: o }) => el('tr', {},
          ...[line, o.crossingId, String(o.observedAt).replace('T', ' ').replace(/:00\.000Z$|\.000Z$/, ''), o.metric, o.value, o.method, o.source].map((v) => el('td', {}, String(v ?? '—')))))))));
  }
  if (report.unmatchedCrossings.length) {
    out.push(el('h3', {}, 'Crossing names that matched no crossing'),
      el('p', {}, 'Choose the crossing each name means and check again; the choice is kept for later imports once an import commits.'),
      el('ul', { className: 'unmatched' }, ...report.unmatchedCrossings.map((u) => {
        const select = el('select', { 'aria-label': `Crossing meant by “${u.value}”` },
          el('option', { value: '' }, '(leave unmatched)'),
          ...u.candidates.map((c) => el('option', { value: c.id, selected: aliases[u.value] === c.id }, c.name)));
        select.addEventListener('change', () => (select.value ? (aliases[u.value] = select.value) : delete aliases[u.value]));
        return el('li', {}, el('span', { lang: '' }, `“${u.value}”`), ` — ${u.rows} row${u.rows === 1 ? '' : 's'}, first on line ${u.firstLine} `, select);
      })));
  }
  if (report.errors.length) {
    out.push(el('h3', {}, 'Rows with errors'), el('table', { className: 'import-errors' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Line'), el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Problem'))),
      el('tbody', {}, ...report.errors.flatMap((e) => e.fields.map((fi) => el('tr', {}, el('td', {}, String(e.line)), el('td', {}, fi.path ? IMPORT_FIELD_LABELS[fi.path as ImportField] ?? fi.path : 'whole row'), el('td', {}, fi.message)))))));
    if (report.errorsTruncated) out.push(el('p', {}, 'Only the first 1,000 errors are listed.'));
  }
  return out;
}
