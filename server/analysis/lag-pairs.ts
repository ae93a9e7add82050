/** A month-aligned series: index i is the i-th month of the axis; null where there is no value. */
export type Series = readonly (number | null)[];

const has = (v: number | null | undefined): v is number => v !== null && v !== undefined;
const positive = (v: number | null | undefined): v is number => has(v) && v > 0;

/** A pair at month index `t`: activity value `x`, trade value `y`. */
export type Pair = { t: number; x: number; y: number };

/** Levels at lag k: (x_{t−k}, y_t) for every month t where both exist. */
export function levelPairs(x: Series, y: Series, k: number): Pair[] {
  const out: Pair[] = [];
  for (let t = k; t < y.length; t++) if (has(y[t]) && has(x[t - k])) out.push({ t, x: x[t - k]!, y: y[t]! });
  return out;
}

/** Log changes at lag k: (ln x_{t−k} − ln x_{t−k−1}, ln y_t − ln y_{t−1}) where all four exist (and are positive). */
export function changePairs(x: Series, y: Series, k: number): Pair[] {
  const out: Pair[] = [];
  for (let t = k + 1; t < y.length; t++) {
    const dx = logChange(x, t - k);
    const dy = logChange(y, t);
    if (dx !== null && dy !== null) out.push({ t, x: dx, y: dy });
  }
  return out;
}

/** ln v_i − ln v_{i−1}, or null when either is missing or not positive. */
export function logChange(v: Series, i: number): number | null {
  return i >= 1 && positive(v[i]) && positive(v[i - 1]) ? Math.log(v[i]!) - Math.log(v[i - 1]!) : null;
}

/** ln v_i, or null when missing or not positive. */
export const logOf = (v: Series, i: number): number | null => (i >= 0 && positive(v[i]) ? Math.log(v[i]!) : null);
