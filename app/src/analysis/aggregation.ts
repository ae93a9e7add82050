import { monthlyValue } from '../../../server/analysis/monthly-value.js';

/**
 * Whether a month's figure of `metric` is the total of what was counted or the mean of what was
 * seen, asked of the rule that makes it (`monthlyValue`) rather than restated here.
 */
export function aggregationOf(metric: string): 'total' | 'mean' {
  return monthlyValue(metric, { sum: 1, mean: 0 }) === 1 ? 'total' : 'mean';
}
