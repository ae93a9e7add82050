import type { EmbedDataDto } from '../contracts/embeds.js';
import { toCsv } from '../../app/src/csv.js';

export const EMBED_CSV_HEADER = [
  'month', 'crossing_id', 'crossing_name', 'metric', 'vehicle_class', 'value',
  'trade_reporter', 'trade_partner', 'exports_usd', 'imports_usd', 'synthetic', 'sources',
];

/**
 * The data an embed shows, as CSV: the headline crossing's value per month with the trade
 * figures of the same months (the chart), then every other crossing on the map in the
 * headline month. Empty cells are months without data, never zeros.
 */
export function embedCsv(d: EmbedDataDto): string {
  const name = (id: string | null) => d.crossings.find((c) => c.id === id)?.names.en ?? '';
  const sources = [...d.sources.observations, ...d.sources.trade].join('; ');
  const row = (month: string, id: string | null, value: number | null, i: number | null) => [
    month, id, name(id), d.metric, d.view.vehicleClass ?? 'any', value,
    i === null ? null : d.trade?.reporter, i === null ? null : d.trade?.partner,
    i === null ? null : d.trade?.exports[i], i === null ? null : d.trade?.imports[i],
    d.synthetic, sources,
  ];
  const chart = d.months.map((m, i) => row(m, d.crossing, d.activity[i], i));
  const others = d.month ? d.crossings.filter((c) => c.id !== d.crossing && c.value !== null).map((c) => row(d.month!, c.id, c.value, null)) : [];
  return toCsv(EMBED_CSV_HEADER, [...chart, ...others]);
}
