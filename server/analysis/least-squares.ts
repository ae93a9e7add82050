/** A line fitted by ordinary least squares, with what a prediction interval needs. */
export type LineFit = {
  a: number;
  b: number;
  n: number;
  meanX: number;
  /** Σ (x − x̄)². */
  sxx: number;
  /** Residual standard error √(SSE / (n − 2)). */
  s: number;
};

/**
 * y = a + b·x by ordinary least squares. With every x equal the slope is not identified; the
 * minimum-norm solution is taken (b = 0, a = ȳ), so a constant regressor predicts the mean.
 */
export function fitLine(points: readonly { x: number; y: number }[]): LineFit {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  const a = meanY - b * meanX;
  const sse = points.reduce((s, p) => s + (p.y - a - b * p.x) ** 2, 0);
  return { a, b, n, meanX, sxx, s: n > 2 ? Math.sqrt(sse / (n - 2)) : 0 };
}

/** Standard error of one new observation at x0: s·√(1 + 1/n + (x0 − x̄)² / Sxx). */
export function predictionError(fit: LineFit, x0: number): number {
  const leverage = fit.sxx > 0 ? (x0 - fit.meanX) ** 2 / fit.sxx : 0;
  return fit.s * Math.sqrt(1 + 1 / fit.n + leverage);
}
