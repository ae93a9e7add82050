import { anomalyAt, type Anomaly } from './anomalies.js';
import { backtest, chooseModel, type Backtest } from './backtest.js';
import type { ModelName } from './candidate-models.js';
import { correlation, type Correlation } from './correlation.js';
import { changePairs, levelPairs, type Series } from './lag-pairs.js';
import { expectedPublication, nowcast } from './nowcast.js';

export const MAX_LAG = 3;

export type Verdict = 'activity-helps' | 'naive-best' | 'insufficient-data';

export type AnalysisInput = {
  months: readonly string[];
  /** Activity of each month (the border's or the crossing's); null where nothing was observed. */
  activity: Series;
  crossingsReporting: readonly number[];
  /** The preferred trade figure of each month for the flow analysed; null where none is published. */
  trade: Series;
  tradeSource: readonly (string | null)[];
  /** Days after a month's end that its figure is expected; null when unknown. */
  releaseLagDays: number | null;
  /** Today, for saying that an expected publication is overdue. */
  today: string;
};

export type AnalysisResult = {
  months: {
    month: string; activity: number | null; crossingsReporting: number; trade: number | null; tradeSource: string | null;
    nowcast: { value: number; low: number; high: number } | null; anomaly: Anomaly | null;
  }[];
  correlations: ({ on: 'level' | 'change'; lag: number } & Correlation)[];
  backtest: Backtest;
  chosen: { model: ModelName; lag: number; mape: number; naiveMape: number | null; verdict: Verdict } | { model: null; lag: null; mape: null; naiveMape: null; verdict: 'insufficient-data' };
  nowcast: { month: string; value: number; low: number; high: number; expectedPublication: string | null; overdue: boolean }[];
};

/**
 * What activity says about the next customs figure, every number defined in docs/analysis.md: correlations
 * of levels and log changes at lags 0–3 with Fisher intervals, a one-step rolling-origin backtest of the
 * candidate models against the last published figure, the chosen model's nowcast of the months not yet
 * published, and anomalies of the activity against its own previous year.
 */
export function analyse(input: AnalysisInput): AnalysisResult {
  const { months, activity: x, trade: y } = input;
  const correlations: AnalysisResult['correlations'] = [];
  for (const on of ['level', 'change'] as const) {
    for (let lag = 0; lag <= MAX_LAG; lag++) {
      const pairs = (on === 'level' ? levelPairs(x, y, lag) : changePairs(x, y, lag)).map((p) => [p.x, p.y] as const);
      correlations.push({ on, lag, ...correlation(pairs) });
    }
  }
  const tested = backtest(months, x, y);
  // Without a single scored forecast from activity there is no contest: nothing is chosen.
  const activityScored = tested.models.some((m) => m.model !== 'naive-previous' && m.mape !== null);
  const best = activityScored ? chooseModel(tested.models) : null;
  const naiveMape = tested.models.find((m) => m.model === 'naive-previous')?.mape ?? null;
  const chosen: AnalysisResult['chosen'] = best
    ? { ...best, naiveMape, verdict: best.model === 'naive-previous' ? 'naive-best' : 'activity-helps' }
    : { model: null, lag: null, mape: null, naiveMape: null, verdict: 'insufficient-data' };
  const forecasts = nowcast(months, x, y, best).map((n) => {
    const expected = expectedPublication(n.month, input.releaseLagDays);
    return { ...n, expectedPublication: expected, overdue: expected !== null && expected < input.today };
  });
  const nowcastBy = new Map(forecasts.map((n) => [n.month, n]));
  return {
    months: months.map((month, i) => {
      const n = nowcastBy.get(month);
      return {
        month,
        activity: x[i] ?? null,
        crossingsReporting: input.crossingsReporting[i] ?? 0,
        trade: y[i] ?? null,
        tradeSource: input.tradeSource[i] ?? null,
        nowcast: n ? { value: n.value, low: n.low, high: n.high } : null,
        anomaly: anomalyAt(x, i),
      };
    }),
    correlations,
    backtest: tested,
    chosen,
    nowcast: forecasts,
  };
}
