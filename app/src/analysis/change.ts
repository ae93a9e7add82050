/** Which baseline a month's value is compared with. */
export type Baseline = 'previous' | 'trailing12';

/**
 * Relative change of `values[i]` against the previous month, or against the mean of the
 * twelve months before it (only those with values; null when none). Null when either side
 * is missing or the baseline is zero: a change from nothing has no ratio.
 *
 * @example
 * relativeChange([100, 120], 1, 'previous') // 0.2
 */
export function relativeChange(values: (number | null)[], i: number, baseline: Baseline): number | null {
  const current = values[i];
  if (current === null || current === undefined) return null;
  let base: number | null;
  if (baseline === 'previous') {
    base = i > 0 ? values[i - 1] ?? null : null;
  } else {
    const window = values.slice(Math.max(0, i - 12), i).filter((v): v is number => v !== null);
    base = window.length ? window.reduce((a, b) => a + b, 0) / window.length : null;
  }
  if (base === null || base === 0) return null;
  return (current - base) / base;
}
