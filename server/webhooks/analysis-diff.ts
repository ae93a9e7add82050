import type { AnalysisDto } from '../contracts/analysis.js';

/** What the watch keeps of one analysis between runs. */
export type WatchState = {
  /** `crossing|month` of every anomaly. */
  anomalies: string[];
  nowcast: { month: string; value: number; low: number; high: number }[];
};

export const watchStateOf = (a: AnalysisDto): WatchState => ({
  anomalies: a.anomalies.map((x) => `${x.crossing}|${x.month}`).sort(),
  nowcast: a.nowcast.map(({ month, value, low, high }) => ({ month, value, low, high })),
});

/** Six significant digits: the same figures recomputed in another order must not count as a change. */
const rounded = (v: number) => Number(v.toPrecision(6));
const sameNowcast = (a: WatchState['nowcast'], b: WatchState['nowcast']) =>
  a.length === b.length && a.every((x, i) => x.month === b[i].month && [x.value, x.low, x.high].every((v, j) => rounded(v) === rounded([b[i].value, b[i].low, b[i].high][j])));

export type AnalysisChanges = {
  /** Anomalies that were not there in the previous run. */
  flagged: AnalysisDto['anomalies'];
  /** The nowcast before and after, when it changed. */
  nowcast: { previous: WatchState['nowcast']; current: WatchState['nowcast'] } | null;
};

/** What is new since `previous`; with no previous state (the first look), nothing is: that run sets the baseline. */
export function analysisChanges(previous: WatchState | null, a: AnalysisDto): AnalysisChanges {
  if (!previous) return { flagged: [], nowcast: null };
  const known = new Set(previous.anomalies);
  const current = watchStateOf(a);
  return {
    flagged: a.anomalies.filter((x) => !known.has(`${x.crossing}|${x.month}`)),
    nowcast: sameNowcast(previous.nowcast, current.nowcast) ? null : { previous: previous.nowcast, current: current.nowcast },
  };
}
