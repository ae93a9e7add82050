import { sameKind } from './change.js';

/**
 * Change of month `i` against the same month a year earlier (`values` are consecutive months).
 * Null when either month has no value or the earlier one is zero, and, given `synthetic` flags,
 * when one of the two months is real and the other synthetic demo data.
 *
 * @example
 * yearOverYear([...Array(12).fill(null), 110].map((v, i) => (i === 0 ? 100 : v)), 12) // 0.1
 */
export function yearOverYear(values: (number | null)[], i: number, synthetic?: readonly (boolean | null | undefined)[]): number | null {
  const now = values[i];
  const before = i >= 12 ? values[i - 12] : null;
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  if (!sameKind(synthetic, i, i - 12)) return null;
  return (now - before) / before;
}
