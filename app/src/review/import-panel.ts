import { IMPORT_FIELDS, type ImportReport } from '../../../server/contracts/imports.js';
import { el } from '../ui/dom.js';

const REQUIRED = ['crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source'];
const DEFAULTABLE = ['metric', 'vehicleClass', 'method', 'source'] as const;

/** The first line of a CSV, split on commas outside quotes: enough to offer the columns for mapping. */
export function csvHeader(text: string): string[] {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) (out.push(cell.trim()), (cell = ''));
    else cell += ch;
  }
  out.push(cell.trim());
  return out.filter(Boolean);
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

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    columns = f && /\.csv$/i.test(f.name) ? csvHeader(await f.slice(0, 64 * 1024).text()) : [];
    mapping.replaceChildren(...(columns.length ? IMPORT_FIELDS.map((field) => {
      const select = el('select', { id: `map-${field}`, 'data-field': field },
        el('option', { value: '' }, REQUIRED.includes(field) ? '(choose or give a default)' : '(none)'),
        ...columns.map((c) => el('option', { value: c, selected: c === field }, c)));
      return el('label', { className: 'map-row' }, el('span', {}, field), select);
    }) : [el('p', {}, f ? 'GeoJSON: feature properties are read by field name; a Point is the observer position.' : '')]));
    mapping.append(...DEFAULTABLE.map((field) =>
      el('label', { className: 'map-row' }, el('span', {}, `default ${field}`), el('input', { type: 'text', id: `default-${field}`, 'data-default': field }))));
  });

  const send = async (dryRun: boolean, mode: 'all' | 'valid') => {
    const f = file.files?.[0];
    if (!f) return void (status.textContent = 'Choose a file first.');
    const map: Record<string, string> = {};
    mapping.querySelectorAll<HTMLSelectElement>('select[data-field]').forEach((s) => s.value && (map[s.dataset.field!] = s.value));
    const defaults: Record<string, string> = {};
    mapping.querySelectorAll<HTMLInputElement>('input[data-default]').forEach((i) => i.value.trim() && (defaults[i.dataset.default!] = i.value.trim()));
    const form = new FormData();
    form.append('options', JSON.stringify({ dryRun, mode, mapping: map, defaults }));
    form.append('file', f, f.name);
    status.textContent = 'Reading the file…';
    result.replaceChildren();
    const res = await fetch('/api/imports', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/x-ndjson' } });
    const { report, message } = await readReport(res, (rows) => (status.textContent = `${rows.toLocaleString('en')} rows read…`));
    if (!report) return void (status.textContent = `Refused: ${message}`);
    status.textContent = report.dryRun
      ? `Checked ${report.rows} rows: ${report.valid} valid, ${report.invalid} with errors; an import would add ${report.created}, find ${report.existing} already there, ${report.conflicts} conflicting.`
      : report.committed
        ? `Imported: ${report.created} added, ${report.existing} already there, ${report.invalid} rows with errors left out.`
        : `Nothing imported: ${report.invalid + report.conflicts} rows have errors (all or nothing).`;
    if (report.committed && report.created > 0) onImported();
    if (report.errors.length) {
      result.append(el('table', { className: 'import-errors' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Line'), el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Problem'))),
        el('tbody', {}, ...report.errors.flatMap((e) => e.fields.map((fi) => el('tr', {}, el('td', {}, String(e.line)), el('td', {}, fi.path || '—'), el('td', {}, fi.message)))))));
      if (report.errorsTruncated) result.append(el('p', {}, 'Only the first 1,000 errors are listed.'));
    }
  };
  const check = el('button', { type: 'button' }, 'Check (dry run)');
  const importAll = el('button', { type: 'button' }, 'Import all or nothing');
  const importValid = el('button', { type: 'button' }, 'Import valid rows only');
  check.addEventListener('click', () => void send(true, 'all'));
  importAll.addEventListener('click', () => void send(false, 'all'));
  importValid.addEventListener('click', () => void send(false, 'valid'));
  return el('details', { className: 'import-panel' },
    el('summary', {}, 'Bulk upload (CSV or GeoJSON)'),
    el('label', { for: 'import-file' }, 'File'), file, mapping,
    el('div', { className: 'actions' }, check, importAll, importValid),
    status, result);
}
