import type { Metric } from '../contracts/common.js';
import type { RollupCell } from '../contracts/rollups.js';
import { monthlyValue } from './monthly-value.js';

/**
 * The activity of several crossings as one monthly series: counts (`crossed_vehicles`) add up; for queues
 * (`queue_vehicles`, `queue_length_m`) each crossing's monthly mean is summed (vehicles waiting at the
 * border at a typical moment); waits are the mean of the crossings' monthly means. Each month also says how
 * many crossings reported, so a sum over a changing set of crossings shows as such. Null where none did.
 */
export function borderActivity(metric: Metric, cells: Iterable<(Pick<RollupCell, 'sum' | 'mean'> | null)[]>, monthCount: number) {
  const totals: (number | null)[] = Array(monthCount).fill(null);
  const reporting: number[] = Array(monthCount).fill(0);
  for (const row of cells) {
    row.forEach((cell, i) => {
      const v = monthlyValue(metric, cell);
      if (v === null) return;
      totals[i] = (totals[i] ?? 0) + v;
      reporting[i]++;
    });
  }
  const activity = metric === 'wait_minutes' ? totals.map((t, i) => (t === null ? null : t / reporting[i])) : totals;
  return { activity, crossingsReporting: reporting };
}
