import type { CrossingMonth } from '../analysis/crossing-symbols.js';
import type { CrossingCollection } from '../api.js';
import { toCsv } from '../csv.js';
import { t, type NameLanguage } from '../i18n/t.js';
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

/** One row per crossing for the month shown: the same numbers the map draws. */
export function tableRows(
  crossings: CrossingCollection,
  month: string | null,
  byCrossing: Map<string, CrossingMonth>,
  lang: NameLanguage,
): TableRow[] {
  return crossings.features.map((f) => {
    const m = byCrossing.get(f.properties.id);
    return {
      id: f.properties.id,
      name: f.properties.names[lang] ?? f.properties.names.en,
      countries: f.properties.countries.join('-'),
      month: month ?? '',
      value: m?.value ?? null,
      observations: m?.n ?? 0,
      change: m?.change ?? null,
      synthetic: m?.synthetic ?? false,
      locationKnown: f.geometry !== null,
    };
  });
}

export function tableCsv(rows: TableRow[], metric: string): string {
  return toCsv(
    ['crossing_id', 'name', 'countries', 'month', 'metric', 'value', 'observations', 'change', 'synthetic', 'location_known'],
    rows.map((r) => [r.id, r.name, r.countries, r.month, metric, r.value, r.observations, r.change, r.synthetic, r.locationKnown]),
  );
}

export function renderTable(root: HTMLElement, rows: TableRow[], metric: string) {
  const download = el('button', { type: 'button', id: 'download-csv' }, t('downloadCsv'));
  download.addEventListener('click', () => {
    const a = el('a', {
      href: URL.createObjectURL(new Blob([tableCsv(rows, metric)], { type: 'text/csv' })),
      download: `landport-${metric}-${rows[0]?.month || 'all'}.csv`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  const header = [t('tableCrossing'), t('tableCountries'), t('tableMonth'), t('tableValue'), t('tableObservations'), t('tableChange'), t('tableSynthetic')];
  root.replaceChildren(
    el('div', { className: 'table-head' }, el('h2', {}, t('tableTitle')), download),
    el('table', { id: 'data-table' },
      el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map((r) => el('tr', {},
        el('th', { scope: 'row' }, r.name, r.locationKnown ? null : el('span', { className: 'unknown-location' }, ` (${t('locationUnknown')})`)),
        el('td', {}, r.countries),
        el('td', {}, r.month),
        el('td', { className: 'num' }, formatNumber(r.value, 1)),
        el('td', { className: 'num' }, String(r.observations)),
        el('td', { className: 'num' }, formatPercent(r.change)),
        el('td', {}, r.synthetic ? t('yes') : t('no')),
      ))),
    ),
  );
}
