import type { RollupCell } from '../contracts/rollups.js';

/**
 * The one number a crossing-month is drawn with: counts over periods add up (a month's
 * crossings are the sum of its counts), while queues, lengths and waits are states whose
 * monthly level is the mean of what was seen.
 *
 * @example
 * monthlyValue('crossed_vehicles', { n: 2, sum: 500, mean: 250, max: 300, synthetic: false }) // 500
 */
export function monthlyValue(metric: string, cell: Pick<RollupCell, 'sum' | 'mean'> | null): number | null {
  if (!cell) return null;
  return monthlyAggregation(metric) === 'sum' ? cell.sum : cell.mean;
}

/** How `monthlyValue` makes a month's one number of a metric's observations (the CSV's `aggregation`). */
export const monthlyAggregation = (metric: string): 'sum' | 'mean' => (metric === 'crossed_vehicles' ? 'sum' : 'mean');
