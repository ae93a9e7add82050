import type { RollupCell } from '../contracts/rollups.js';
import { monthSpan, monthsBetween } from '../time/months.js';
import type { MonthlyRollupRow } from './monthly-rollup.repo.js';

/**
 * Rollup rows on one month axis: every month from `from` (else the first seen) to `to` (else
 * the last seen), and per crossing a cell for each month, null where nothing was observed.
 */
export function rollupGrid(rows: MonthlyRollupRow[], from?: string | null, to?: string | null) {
  const seen = monthSpan(rows.map((r) => r.month));
  const first = from ?? seen.first;
  const last = to ?? seen.last;
  const months = first && last ? monthsBetween(first, last) : [];
  const index = new Map(months.map((m, i) => [m, i]));
  const cells = new Map<string, (RollupCell | null)[]>();
  for (const r of rows) {
    let values = cells.get(r.crossingId);
    if (!values) cells.set(r.crossingId, (values = Array<RollupCell | null>(months.length).fill(null)));
    values[index.get(r.month)!] = { n: r.observations, sum: r.sum, mean: r.mean, max: r.max, synthetic: r.synthetic };
  }
  return { months, cells };
}
