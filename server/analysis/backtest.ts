import { CANDIDATES, fitModel, forecast, modelPoints, type Candidate, type ModelName } from './candidate-models.js';
import type { Series } from './lag-pairs.js';

/** A candidate predicts month t only from at least this many of its pairs before t. */
export const MIN_TRAINING_PAIRS = 12;

/** Two MAPEs closer than this are a tie, which the simpler candidate wins. */
const TIE = 1e-12;

export type BacktestModel = {
  model: ModelName;
  lag: number;
  /** Mean of |ŷ − y| / y over the evaluation months; null when the candidate predicts none of them. */
  mape: number | null;
  /** Its forecast of each evaluation month, beside the published figure. */
  predictions: { month: string; value: number; actual: number }[];
};

export type Backtest = { evaluationMonths: string[]; models: BacktestModel[] };

/**
 * Rolling origin, one step ahead: each candidate forecasts month t from a fit on its pairs whose month is
 * before t, once at least 12 such pairs exist (and t has a positive published figure to score against).
 * Every candidate that forecasts any month is scored on the same months, those where all of them can.
 */
export function backtest(months: readonly string[], x: Series, y: Series): Backtest {
  const forecasts = CANDIDATES.map((c) => {
    const points = modelPoints(c, x, y);
    const byMonth = new Map<number, number>();
    for (let t = 0; t < y.length; t++) {
      const actual = y[t];
      if (actual === null || actual === undefined || !(actual > 0)) continue;
      const training = points.filter((p) => p.t < t);
      if (training.length < MIN_TRAINING_PAIRS) continue;
      const f = forecast(fitModel(c, training), t, x, y[t - 1] ?? null);
      if (f) byMonth.set(t, f.value);
    }
    return { candidate: c, byMonth };
  });
  const scored = forecasts.filter((f) => f.byMonth.size > 0);
  const common = scored.length
    ? [...scored[0].byMonth.keys()].filter((t) => scored.every((f) => f.byMonth.has(t))).sort((a, b) => a - b)
    : [];
  const models = forecasts.map(({ candidate, byMonth }): BacktestModel => {
    const predictions = common.filter((t) => byMonth.has(t)).map((t) => ({ month: months[t], value: byMonth.get(t)!, actual: y[t]! }));
    const mape = common.length && predictions.length === common.length
      ? predictions.reduce((s, p) => s + Math.abs(p.value - p.actual) / p.actual, 0) / predictions.length
      : null;
    return { ...candidate, mape, predictions };
  });
  return { evaluationMonths: common.map((t) => months[t]), models };
}

/** The candidate with the lowest MAPE; on a tie the simpler (earlier in CANDIDATES). Null when none was scored. */
export function chooseModel(models: readonly BacktestModel[]): (Candidate & { mape: number }) | null {
  let best: BacktestModel | null = null;
  for (const m of models) if (m.mape !== null && (best === null || m.mape < best.mape! - TIE)) best = m;
  return best ? { model: best.model, lag: best.lag, mape: best.mape! } : null;
}
