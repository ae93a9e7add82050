/** Fewer paired months than this and a correlation says nothing worth reading. */
export const MIN_MEANINGFUL_N = 12;

export type LaggedCorrelation = { lag: number; r: number | null; n: number; meaningful: boolean };

/** Pearson's r over the pairs where both values exist; null when n < 3 or a side is constant. */
export function pearson(xs: (number | null)[], ys: (number | null)[]): { r: number | null; n: number } {
  const pairs: [number, number][] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) pairs.push([x, y]);
  }
  const n = pairs.length;
  if (n < 3) return { r: null, n };
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
  if (sxx === 0 || syy === 0) return { r: null, n };
  return { r: sxy / Math.sqrt(sxx * syy), n };
}

/**
 * Correlation between activity in month t and trade in month t + lag, for lags 0..maxLag:
 * does activity at the crossing lead what customs reports? Both series are aligned on the
 * same consecutive months; months missing on either side are left out, never filled.
 *
 * @example
 * laggedCorrelations([1, 2, 3, 4], [0, 1, 2, 3, 4], 1) // lag 1 pairs 1→1, 2→2, …: r = 1
 */
export function laggedCorrelations(
  activity: (number | null)[],
  trade: (number | null)[],
  maxLag = 3,
): LaggedCorrelation[] {
  const out: LaggedCorrelation[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    const { r, n } = pearson(activity, trade.slice(lag));
    out.push({ lag, r, n, meaningful: r !== null && n >= MIN_MEANINGFUL_N });
  }
  return out;
}
