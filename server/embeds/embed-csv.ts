import type { EmbedDataDto } from '../contracts/embeds.js';
import { METRIC_UNITS, type Metric } from '../contracts/common.js';
import { monthlyAggregation } from '../analysis/monthly-value.js';
import { toCsv } from '../../app/src/csv.js';
import type { EmbedRowSources } from './embed-data.js';

/** Every column says what it holds; docs/embeds.md describes each. */
export const EMBED_CSV_HEADER = [
  'series', 'month', 'crossing_id', 'crossing_name', 'trade_reporter', 'trade_partner', 'metric', 'vehicle_class',
  'unit', 'aggregation', 'value', 'observations', 'synthetic', 'methods', 'sources',
];

type Cell = string | number | boolean | null;
const list = (items: string[] | undefined) => (items?.length ? items.join('; ') : null);

/**
 * The data an embed shows, as CSV, one row per month and series: the headline crossing's `activity` (the
 * metric's monthly mean, or sum for counts) and, when the embed shows trade, the reporter's `exports` and
 * `imports` (US dollars, the month's total as published); then the `activity` of every other crossing on the
 * map in the headline month. Each row names the sources and methods of that value alone. A month without data
 * has empty cells, never zeros.
 */
export function embedCsv(d: EmbedDataDto, rowSources: EmbedRowSources): string {
  const metric = d.metric as Metric;
  const name = (id: string | null) => d.crossings.find((c) => c.id === id)?.names.en ?? null;
  const activity = (month: string, id: string | null, value: number | null): Cell[] => {
    const s = id ? rowSources.activity.get(id)?.get(month) : undefined;
    const known = value !== null && s !== undefined;
    return [
      'activity', month, id, name(id), null, null, metric, d.view.vehicleClass ?? 'any',
      METRIC_UNITS[metric], monthlyAggregation(metric), value,
      known ? s.observations : null, known ? s.synthetic : null, known ? list(s.methods) : null, known ? list(s.sources) : null,
    ];
  };
  const trade = (flow: 'exports' | 'imports', i: number): Cell[] => {
    const value = d.trade![flow][i];
    return [
      flow, d.months[i], null, null, d.trade!.reporter, d.trade!.partner, null, null, 'USD', 'sum', value,
      null, value === null ? null : false, null, value === null ? null : rowSources.trade?.[flow][i] ?? null,
    ];
  };
  const rows: Cell[][] = [];
  d.months.forEach((m, i) => {
    rows.push(activity(m, d.crossing, d.activity[i]));
    if (d.trade) rows.push(trade('exports', i), trade('imports', i));
  });
  if (d.month) {
    for (const c of d.crossings) if (c.id !== d.crossing && c.value !== null) rows.push(activity(d.month, c.id, c.value));
  }
  return toCsv(EMBED_CSV_HEADER, rows);
}
