import type { MonthlyRollupDto } from '../../../server/contracts/rollups.js';
import { aggregationOf } from '../analysis/aggregation.js';
import { relativeChange, type Baseline } from '../analysis/change.js';
import type { CrossingCollection } from '../api.js';
import { toCsv } from '../csv.js';
import type { StringKey } from '../i18n/en.js';
import { nameIn, t, type NameLanguage } from '../i18n/t.js';
import { el, formatNumber, formatPercent } from './dom.js';

export type TableRow = {
  id: string;
  name: string;
  countries: string;
  month: string;
  value: number | null;
  observations: number;
  change: number | null;
  synthetic: boolean;
  locationKnown: boolean;
};


/**
 * One row per crossing and month of the window that has a value: the numbers the map draws, over the whole
 * time range rather than the month shown, so the table can be sorted and read as a series.
 */
export function tableRows(
  crossings: CrossingCollection,
  rollup: MonthlyRollupDto,
  series: Map<string, (number | null)[]>,
  months: string[],
  baseline: Baseline,
  lang: NameLanguage,
): TableRow[] {
  const byId = new Map(crossings.features.map((f) => [f.properties.id, f]));
  const wanted = new Set(months);
  const rows: TableRow[] = [];
  for (const c of rollup.crossings) {
    const f = byId.get(c.id);
    const values = series.get(c.id) ?? [];
    const synthetic = c.values.map((v) => v?.synthetic);
    rollup.months.forEach((month, i) => {
      const cell = c.values[i];
      if (!cell || !wanted.has(month)) return;
      rows.push({
        id: c.id,
        name: f ? nameIn(f.properties.names, lang) : c.id,
        countries: f ? f.properties.countries.join('-') : '',
        month,
        value: values[i] ?? null,
        observations: cell.n,
        change: relativeChange(values, i, baseline, synthetic),
        synthetic: cell.synthetic,
        locationKnown: f ? f.geometry !== null : false,
      });
    });
  }
  return rows;
}

export const TABLE_CSV_HEADER = [
  'crossing_id', 'name', 'countries', 'month', 'metric', 'value', 'aggregation', 'unit', 'observations', 'change', 'change_against',
  'synthetic', 'location_known',
];

/**
 * Every row of the window, unrounded. `value` is the month's `aggregation` of the observations (`total` of counts,
 * or `mean` of readings) in `unit`; `observations` how many; `change` the relative change against `change_against`.
 */
export function tableCsv(rows: TableRow[], metric: string, baseline: Baseline): string {
  const unit = t(`unit_${metric}` as StringKey);
  const against = baseline === 'previous' ? 'previous month' : 'trailing 12-month mean';
  return toCsv(TABLE_CSV_HEADER, rows.map((r) => [
    r.id, r.name, r.countries, r.month, metric, r.value, aggregationOf(metric), unit, r.observations, r.change, against, r.synthetic, r.locationKnown,
  ]));
}

type SortKey = 'name' | 'countries' | 'month' | 'value' | 'observations' | 'change';
const COLUMNS: { key: SortKey; label: StringKey; numeric: boolean }[] = [
  { key: 'name', label: 'tableCrossing', numeric: false },
  { key: 'countries', label: 'tableCountries', numeric: false },
  { key: 'month', label: 'tableMonth', numeric: false },
  { key: 'value', label: 'tableValue', numeric: true },
  { key: 'observations', label: 'tableObservations', numeric: true },
  { key: 'change', label: 'tableChange', numeric: true },
];

/** Sorts by one column; empty values last whichever the direction, ties by crossing then month. */
export function sortRows(rows: TableRow[], key: SortKey, descending: boolean): TableRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const c = x === y || x === null ? 0 : (typeof x === 'number' ? x - (y as number) : String(x).localeCompare(String(y))) * dir;
    return c || a.name.localeCompare(b.name) || a.month.localeCompare(b.month);
  });
}

export type TableSort = { key: SortKey; descending: boolean };

/** The table, sortable by any column header; values rounded for reading, the CSV keeps them whole. */
export function renderTable(root: HTMLElement, rows: TableRow[], metric: string, baseline: Baseline, sort: TableSort, onSort: (s: TableSort) => void, fileName: string) {
  const download = el('button', { type: 'button', id: 'download-csv' }, t('downloadCsv'));
  download.addEventListener('click', () => {
    const a = el('a', { href: URL.createObjectURL(new Blob(['\ufeff', tableCsv(rows, metric, baseline)], { type: 'text/csv' })), download: fileName });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  const digits = aggregationOf(metric) === 'total' ? 0 : 1;
  const sorted = sortRows(rows, sort.key, sort.descending);
  const head = COLUMNS.map((c) => {
    const active = sort.key === c.key;
    const button = el('button', { type: 'button', className: 'sort' }, t(c.label), active ? (sort.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => onSort({ key: c.key, descending: active ? !sort.descending : c.numeric }));
    return el('th', { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none', className: c.numeric ? 'num' : undefined }, button);
  });
  root.replaceChildren(
    el('div', { className: 'table-head' },
      el('h2', {}, t('tableTitle')),
      el('p', { className: 'hint' }, t('tableExplains', { metric: t(`metric_${metric}` as StringKey), unit: t(`unit_${metric}` as StringKey), n: rows.length.toLocaleString('en') })),
      download),
    rows.length
      ? el('table', { id: 'data-table' },
        el('thead', {}, el('tr', {}, ...head, el('th', { scope: 'col' }, t('tableSynthetic')))),
        el('tbody', {}, ...sorted.map((r) => el('tr', {},
          el('th', { scope: 'row' }, r.name, r.locationKnown ? null : el('span', { className: 'unknown-location' }, ` (${t('locationUnknown')})`)),
          el('td', {}, r.countries),
          el('td', {}, r.month),
          el('td', { className: 'num' }, formatNumber(r.value, digits)),
          el('td', { className: 'num' }, String(r.observations)),
          el('td', { className: 'num' }, formatPercent(r.change)),
          el('td', {}, r.synthetic ? t('yes') : t('no')),
        ))))
      : el('p', {}, t('noActivity')),
  );
}
