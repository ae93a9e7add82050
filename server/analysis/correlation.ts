/** z of the two-sided 95 % normal interval. */
export const Z95 = 1.959964;

/** Fewer pairs than this and r is not reported (null). */
export const MIN_CORRELATION_PAIRS = 6;

/** Pearson's r of the pairs; null when there are fewer than two or either side is constant. */
export function pearson(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can push |r| a hair past 1, where atanh is undefined.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * The 95 % interval of r by Fisher's z: tanh(atanh(r) ± 1.959964 / √(n − 3)).
 *
 * @example
 * fisherInterval(0.5, 28) // [0.1563, 0.7372] (rounded)
 */
export function fisherInterval(r: number, n: number): [number, number] {
  const z = Math.atanh(r);
  const half = Z95 / Math.sqrt(n - 3);
  return [Math.tanh(z - half), Math.tanh(z + half)];
}

export type Correlation = { n: number; r: number | null; ci95: [number, number] | null };

/** r with its n and interval; r and the interval are null below MIN_CORRELATION_PAIRS pairs or for a constant side. */
export function correlation(pairs: readonly (readonly [number, number])[]): Correlation {
  const n = pairs.length;
  const r = n >= MIN_CORRELATION_PAIRS ? pearson(pairs) : null;
  return { n, r, ci95: r === null ? null : fisherInterval(r, n) };
}
