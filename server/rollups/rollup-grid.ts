import type { RollupCell } from '../contracts/rollups.js';
import { monthsBetween } from '../time/months.js';
import type { MonthlyRollupRow } from './monthly-rollup.repo.js';

/**
 * Rollup rows on one month axis: every month from `from` (else the first seen) to `to` (else
 * the last seen), and per crossing a cell for each month, null where nothing was observed.
 */
export function rollupGrid(rows: MonthlyRollupRow[], from?: string | null, to?: string | null) {
  const seen = rows.map((r) => r.month).sort();
  const first = from ?? seen[0];
  const last = to ?? seen.at(-1);
  const months = first && last ? monthsBetween(first, last) : [];
  const index = new Map(months.map((m, i) => [m, i]));
  const cells = new Map<string, (RollupCell | null)[]>();
  for (const r of rows) {
    const values = cells.get(r.crossingId) ?? months.map(() => null);
    values[index.get(r.month)!] = { n: r.observations, sum: r.sum, mean: r.mean, max: r.max, synthetic: r.synthetic };
    cells.set(r.crossingId, values);
  }
  return { months, cells };
}
