import { fitLine, predictionError, type LineFit } from './least-squares.js';
import { changePairs, levelPairs, logChange, logOf, type Series } from './lag-pairs.js';

export type ModelName = 'naive-previous' | 'log-ols' | 'log-change';
export type Candidate = { model: ModelName; lag: number };

/** Every candidate, simplest first: the order breaks ties (naive has no parameter; then lower lags). */
export const CANDIDATES: readonly Candidate[] = [
  { model: 'naive-previous', lag: 0 },
  ...[0, 1, 2, 3].map((lag) => ({ model: 'log-ols' as const, lag })),
  ...[0, 1, 2, 3].map((lag) => ({ model: 'log-change' as const, lag })),
];

/** Models whose forecast of month t starts from month t − 1's figure, so a nowcast chains month to month. */
export const chains = (c: Candidate) => c.model !== 'log-ols';

/** A point a candidate is fitted on, at month index t (the naive model's x is unused). */
export type ModelPoint = { t: number; x: number; y: number };

/**
 * The points a candidate is fitted on ("its pairs"), every value positive so logs exist:
 * naive: months with y_t and y_{t−1} (y = ln y_t − ln y_{t−1});
 * log-ols at lag k: (ln x_{t−k}, ln y_t); log-change at lag k: (Δ ln x_{t−k}, Δ ln y_t).
 */
export function modelPoints(c: Candidate, x: Series, y: Series): ModelPoint[] {
  if (c.model === 'naive-previous') {
    const out: ModelPoint[] = [];
    for (let t = 1; t < y.length; t++) {
      const d = logChange(y, t);
      if (d !== null) out.push({ t, x: 0, y: d });
    }
    return out;
  }
  if (c.model === 'log-ols') {
    return levelPairs(x, y, c.lag).filter((p) => p.x > 0 && p.y > 0).map((p) => ({ t: p.t, x: Math.log(p.x), y: Math.log(p.y) }));
  }
  return changePairs(x, y, c.lag);
}

/** A fitted candidate: the OLS line, or for naive the spread of its log changes (√(Σd² / n), no drift). */
export type FittedModel = { candidate: Candidate; n: number; line: LineFit | null; naiveSpread: number };

export function fitModel(c: Candidate, points: readonly ModelPoint[]): FittedModel {
  if (c.model === 'naive-previous') {
    return { candidate: c, n: points.length, line: null, naiveSpread: Math.sqrt(points.reduce((s, p) => s + p.y ** 2, 0) / points.length) };
  }
  return { candidate: c, n: points.length, line: fitLine(points), naiveSpread: 0 };
}

/**
 * The one-step forecast of month t and its standard error in logs, from x and the previous month's
 * figure `yPrevious` (published, or a nowcast when chaining); null when an input is missing.
 * naive: ŷ = y_{t−1}; log-ols: ŷ = exp(a + b·ln x_{t−k}); log-change: ŷ = y_{t−1}·exp(a + b·Δ).
 */
export function forecast(m: FittedModel, t: number, x: Series, yPrevious: number | null): { value: number; logError: number } | null {
  const { model, lag } = m.candidate;
  if (model === 'naive-previous') return yPrevious !== null && yPrevious > 0 ? { value: yPrevious, logError: m.naiveSpread } : null;
  const line = m.line!;
  if (model === 'log-ols') {
    const lx = logOf(x, t - lag);
    return lx === null ? null : { value: Math.exp(line.a + line.b * lx), logError: predictionError(line, lx) };
  }
  const d = logChange(x, t - lag);
  if (d === null || yPrevious === null || !(yPrevious > 0)) return null;
  return { value: yPrevious * Math.exp(line.a + line.b * d), logError: predictionError(line, d) };
}
