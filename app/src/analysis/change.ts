/** Which baseline a month's value is compared with. */
export type Baseline = 'previous' | 'trailing12';

/**
 * Whether months `i` and `j` are the same kind of data: both real or both synthetic demo rows. A figure
 * that compares a real value with a made-up one means nothing, so such a change is not computed.
 */
export const sameKind = (synthetic: readonly (boolean | null | undefined)[] | undefined, i: number, j: number) =>
  !synthetic || Boolean(synthetic[i]) === Boolean(synthetic[j]);

/**
 * Relative change of `values[i]` against the previous month, or against the mean of the
 * twelve months before it (only those with values; null when none). Null when either side
 * is missing or the baseline is zero: a change from nothing has no ratio. With `synthetic`
 * (a flag per month), null too when the months compared are not all real or all synthetic.
 *
 * @example
 * relativeChange([100, 120], 1, 'previous') // 0.2
 */
export function relativeChange(
  values: (number | null)[],
  i: number,
  baseline: Baseline,
  synthetic?: readonly (boolean | null | undefined)[],
): number | null {
  const current = values[i];
  if (current === null || current === undefined) return null;
  let base: number | null;
  if (baseline === 'previous') {
    base = i > 0 ? values[i - 1] ?? null : null;
    if (i > 0 && !sameKind(synthetic, i, i - 1)) return null;
  } else {
    const start = Math.max(0, i - 12);
    const window = values.slice(start, i).filter((v): v is number => v !== null);
    if (values.slice(start, i).some((v, k) => v !== null && !sameKind(synthetic, i, start + k))) return null;
    base = window.length ? window.reduce((a, b) => a + b, 0) / window.length : null;
  }
  if (base === null || base === 0) return null;
  return (current - base) / base;
}

/** Why a change of month `i` is not computed when the months it compares mix real and synthetic data. */
export function mixesRealAndSynthetic(
  values: (number | null)[],
  i: number,
  baseline: Baseline | 'year',
  synthetic: readonly (boolean | null | undefined)[],
): boolean {
  if (values[i] === null || values[i] === undefined) return false;
  const compared = baseline === 'previous' ? [i - 1] : baseline === 'year' ? [i - 12] : Array.from({ length: Math.min(12, i) }, (_, k) => i - 1 - k);
  return compared.some((j) => j >= 0 && values[j] !== null && values[j] !== undefined && !sameKind(synthetic, i, j));
}
