import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.js';
import { anomalyAt, median } from './anomalies.js';
import { backtest, chooseModel } from './backtest.js';
import { borderActivity } from './border-activity.js';
import { correlation, fisherInterval, pearson } from './correlation.js';
import { changePairs, levelPairs } from './lag-pairs.js';
import { fitLine } from './least-squares.js';
import { expectedPublication, nowcast } from './nowcast.js';
import { queueChecks, timesApart } from './queue-physics.js';

// Every expected figure below was computed outside this code: by a separate Python implementation of the
// definitions in docs/analysis.md (written from the document, not from these modules), or by hand where
// the comment shows the arithmetic.

const monthsOf = (n: number, start = 2020) => Array.from({ length: n }, (_, i) => `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

describe('correlations', () => {
  it('gives Pearson r and the Fisher interval', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [2, 4, 5, 4, 5, 7, 8, 9];
    const c = correlation(x.map((v, i) => [v, y[i]] as const));
    expect(c.n).toBe(8);
    expect(c.r).toBeCloseTo(0.9511897312113419, 12);
    expect(c.ci95![0]).toBeCloseTo(0.747649664347062, 12);
    expect(c.ci95![1]).toBeCloseTo(0.9913697022073679, 12);
    const [lo, hi] = fisherInterval(0.5, 28);
    expect(lo).toBeCloseTo(0.15602835951237076, 12);
    expect(hi).toBeCloseTo(0.7358184808618345, 12);
  });

  it('reports no r with fewer than 6 pairs, or when a side is constant', () => {
    expect(correlation([[1, 2], [2, 3], [3, 5], [4, 4], [5, 6]])).toEqual({ n: 5, r: null, ci95: null });
    expect(correlation([1, 2, 3, 4, 5, 6].map((v) => [5, v] as const))).toEqual({ n: 6, r: null, ci95: null });
    expect(pearson([[1, 1], [2, 2]])).toBe(1);
  });
});

describe('pairs at lag k keep gaps as gaps', () => {
  const x = [10, 20, null, 40, 50];
  const y = [1, 2, 3, null, 5];
  it('levels pair x_{t−k} with y_t where both exist', () => {
    expect(levelPairs(x, y, 0).map((p) => p.t)).toEqual([0, 1, 4]);
    // Lag 1: t=1 (x0,y1), t=2 (x1,y2), t=4 (x3,y4); t=3 has no y.
    expect(levelPairs(x, y, 1).map((p) => [p.x, p.y])).toEqual([[10, 2], [20, 3], [40, 5]]);
  });
  it('changes need all four values', () => {
    // Lag 0: t=1 only (t=2 lacks x2, t=3 y3, t=4 y3).
    const c = changePairs(x, y, 0);
    expect(c.map((p) => p.t)).toEqual([1]);
    expect(c[0].x).toBeCloseTo(Math.log(2), 12);
    expect(c[0].y).toBeCloseTo(Math.log(2), 12);
  });
});

describe('least squares', () => {
  it('fits y = a + b·x and, with every x equal, predicts the mean (b = 0)', () => {
    // By hand: points (0,1), (1,3), (2,5): b = 2, a = 1, residuals 0.
    expect(fitLine([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toMatchObject({ a: 1, b: 2, s: 0 });
    expect(fitLine([{ x: 4, y: 1 }, { x: 4, y: 3 }, { x: 4, y: 8 }])).toMatchObject({ a: 4, b: 0 });
  });
});

// A drift-free random walk for trade and unrelated noise for activity (seed 24 of the reference script).
const X = [80.5, 145.3, 58.5, 126.1, 134.3, 65.8, 82.7, 80.5, 104.2, 86.7, 139.4, 142.5, 81.6, 139.5, 57.0, 59.7, 116.5, 129.9, 131.9, 149.2];
const Y = [100.0, 99.55, 97.7, 99.13, 102.35, 102.88, 104.32, 105.79, 106.76, 107.73, 109.1, 108.8, 106.97, 104.97, 105.73, 106.25, 106.21, 103.55, 103.27, 103.19];

describe('backtest', () => {
  it('scores every candidate on the months all can predict, and says when naive wins', () => {
    const b = backtest(monthsOf(20), X, Y);
    // The change model at lag 3 has its 12th pair before t only from t = 16.
    expect(b.evaluationMonths).toEqual(['2021-05', '2021-06', '2021-07', '2021-08']);
    const mape = Object.fromEntries(b.models.map((m) => [`${m.model}:${m.lag}`, m.mape]));
    const expected: Record<string, number> = {
      'naive-previous:0': 0.0073878234738801426,
      'log-ols:0': 0.013473831054624224, 'log-ols:1': 0.013085258343326491, 'log-ols:2': 0.013899033441630775, 'log-ols:3': 0.017162777266894313,
      'log-change:0': 0.011737476501003449, 'log-change:1': 0.01091377347222559, 'log-change:2': 0.013288547048532067, 'log-change:3': 0.013203038518463358,
    };
    for (const [k, v] of Object.entries(expected)) expect(mape[k], k).toBeCloseTo(v, 12);
    expect(chooseModel(b.models)).toMatchObject({ model: 'naive-previous', lag: 0 });
    const a = analyse({ months: monthsOf(20), activity: X, crossingsReporting: X.map(() => 1), trade: Y, tradeSource: Y.map(() => 's'), releaseLagDays: 35, today: '2026-12-01' });
    expect(a.chosen.verdict).toBe('naive-best');
  });

  it('breaks a tie in favour of the simpler model', () => {
    // y = 3x exactly: the level model (ln y = ln 3 + ln x) and the change model both forecast without error.
    const x = [42.5, 42.7, 39.9, 46.2, 51.5, 46.9, 49.6, 51.4, 61.4, 69.3, 64.4, 79.9, 68.2, 67.4, 76.9, 66.8, 68.1, 55.7];
    const b = backtest(monthsOf(18), x, x.map((v) => 3 * v));
    expect(b.evaluationMonths).toEqual(['2021-05', '2021-06']);
    const byName = (model: string, lag: number) => b.models.find((m) => m.model === model && m.lag === lag)!;
    expect(byName('log-ols', 0).mape).toBeLessThan(1e-14);
    expect(byName('log-change', 0).mape).toBeLessThan(1e-14);
    expect(byName('naive-previous', 0).mape).toBeCloseTo(0.12085537953743164, 12);
    expect(chooseModel(b.models)).toMatchObject({ model: 'log-ols', lag: 0 });
  });

  it('predicts nothing before 12 pairs, so no model is chosen', () => {
    const b = backtest(monthsOf(12), X.slice(0, 12), Y.slice(0, 12));
    expect(b.evaluationMonths).toEqual([]);
    expect(b.models.every((m) => m.mape === null && m.predictions.length === 0)).toBe(true);
    const a = analyse({ months: monthsOf(12), activity: X.slice(0, 12), crossingsReporting: [], trade: Y.slice(0, 12), tradeSource: [], releaseLagDays: null, today: '2026-12-01' });
    expect(a.chosen).toEqual({ model: null, lag: null, mape: null, naiveMape: null, verdict: 'insufficient-data' });
  });

  it('with constant activity still scores the level model, which then forecasts the mean', () => {
    const flat = X.map(() => 100);
    const b = backtest(monthsOf(20), flat, Y);
    const ols = b.models.find((m) => m.model === 'log-ols' && m.lag === 0)!;
    // The first evaluation month's forecast is exp(mean of ln y over the pairs before it).
    const t = 16;
    const meanLog = Y.slice(0, t).reduce((s, v) => s + Math.log(v), 0) / t;
    expect(ols.predictions[0]).toMatchObject({ month: '2021-05', actual: Y[t] });
    expect(ols.predictions[0].value).toBeCloseTo(Math.exp(meanLog), 9);
    // Constant activity has no change: the change models' Δx is 0 every month, their forecast y_{t−1}·e^a.
    expect(correlation(flat.map((v, i) => [v, Y[i]] as const)).r).toBeNull();
  });
});

describe('nowcast', () => {
  const Y17 = [...Y.slice(0, 17), null, null, null];
  const months = monthsOf(20);
  it('chains the naive model on its own forecast, the interval widening each month', () => {
    const n = nowcast(months, X, Y17, { model: 'naive-previous', lag: 0 });
    expect(n.map((m) => m.month)).toEqual(['2021-06', '2021-07', '2021-08']);
    const expected = [[106.21, 103.36368108038641, 109.13469781737989], [106.21, 102.20715678250247, 110.36961065265828], [106.21, 101.32850634554873, 111.32665926734589]];
    n.forEach((m, i) => {
      expect(m.value).toBeCloseTo(expected[i][0], 10);
      expect(m.low).toBeCloseTo(expected[i][1], 10);
      expect(m.high).toBeCloseTo(expected[i][2], 10);
    });
  });
  it('chains the change model; the level model takes each month from its own activity', () => {
    const change = nowcast(months, X, Y17, { model: 'log-change', lag: 1 });
    const expectedChange = [[106.72783628369847, 103.45646253694981, 110.10265341067186], [107.20055946218373, 102.69232615542145, 111.90670597540547], [107.6673769004672, 102.19646431229717, 113.43116541882532]];
    change.forEach((m, i) => expectedChange[i].forEach((v, j) => expect([m.value, m.low, m.high][j]).toBeCloseTo(v, 9)));
    const level = nowcast(months, X, Y17, { model: 'log-ols', lag: 0 });
    const expectedLevel = [[104.6832908238261, 97.40164009823307, 112.50931058916069], [104.70146156315103, 97.40172877664152, 112.54826984230026], [104.8481446366267, 97.37530672397726, 112.89446784393124]];
    level.forEach((m, i) => expectedLevel[i].forEach((v, j) => expect([m.value, m.low, m.high][j]).toBeCloseTo(v, 9)));
    for (const m of [...change, ...level]) expect(m.low < m.value && m.value < m.high).toBe(true);
  });
  it('stops a chained nowcast at a month without activity', () => {
    // No activity in 2021-07 (index 18).
    const gap = [...X.slice(0, 18), null, 149.2];
    expect(nowcast(months, gap, Y17, { model: 'log-change', lag: 0 }).map((m) => m.month)).toEqual(['2021-06']);
    // The level model needs no previous month: it skips the gap and goes on.
    expect(nowcast(months, gap, Y17, { model: 'log-ols', lag: 0 }).map((m) => m.month)).toEqual(['2021-06', '2021-08']);
  });
  it('dates the expected publication from the month end and the release lag', () => {
    // 31 December + 35 days = 4 February; 30 November + 20 days = 20 December.
    expect(expectedPublication('2021-12', 35)).toBe('2022-02-04');
    expect(expectedPublication('2025-11', 20)).toBe('2025-12-20');
    expect(expectedPublication('2024-02', 20)).toBe('2024-03-20');
    expect(expectedPublication('2024-02', null)).toBeNull();
  });
});

describe('anomalies', () => {
  const history = [10, 11, 9, 10, 12, 10, 11, 9, 10, 10, 11, 10];
  it('flags a month outside median ± 3 × 1.4826 × MAD of its previous 12 months', () => {
    // By hand: median 10; |deviations| sorted 0,0,0,0,0,0,1,1,1,1,1,2 → MAD 0.5; band 10 ± 3 × 0.7413 = [7.7761, 12.2239].
    expect(median(history)).toBe(10);
    expect(anomalyAt([...history, 12], 12)).toBeNull();
    const a = anomalyAt([...history, 13], 12)!;
    expect(a.direction).toBe('high');
    expect(a.low).toBeCloseTo(7.7761, 10);
    expect(a.high).toBeCloseTo(12.2239, 10);
    expect(a.relative).toBeCloseTo(0.3, 12);
    expect(a.robustZ).toBeCloseTo(3 / 0.7413, 10);
    expect(anomalyAt([...history, 7], 12)!.direction).toBe('low');
  });
  it('needs 6 months of history, keeps gaps, and leaves a constant series alone', () => {
    expect(anomalyAt([10, 10, 10, 10, 10, 50], 5)).toBeNull();
    expect(anomalyAt([10, null, 10, 10, 10, 10, 10, 50], 7)!.direction).toBe('high');
    expect(anomalyAt(Array(13).fill(10), 12)).toBeNull();
    expect(anomalyAt([...history, null], 12)).toBeNull();
  });
});

describe('border activity', () => {
  const cell = (sum: number, n: number) => ({ n, sum, mean: sum / n, max: sum, synthetic: false });
  const rows = [[cell(100, 1), cell(50, 2), null], [cell(30, 3), null, null]];
  it('adds counts, sums queue means, averages waits, and counts the crossings reporting', () => {
    expect(borderActivity('crossed_vehicles', rows, 3)).toEqual({ activity: [130, 50, null], crossingsReporting: [2, 1, 0] });
    expect(borderActivity('queue_vehicles', rows, 3).activity).toEqual([110, 25, null]);
    expect(borderActivity('wait_minutes', rows, 3).activity).toEqual([55, 25, null]);
  });
});

describe('queue physics', () => {
  const g = { spacingM: 25, lanes: 1 };
  it('checks a queue length against a count of queued vehicles, within a factor of 2', () => {
    // By hand: 40 trucks × 25 m = 1,000 m; 2,500 m is 2.5 times that.
    const [c] = queueChecks({ metric: 'queue_length_m', value: 2500 }, { queueVehicles: { id: 'a', value: 40 } }, g);
    expect(c).toMatchObject({ check: 'length-vs-count', observed: 2500, expected: 1000, timesApart: 2.5, agrees: false, from: ['a'] });
    const [ok] = queueChecks({ metric: 'queue_vehicles', value: 40 }, { queueLengthM: { id: 'b', value: 600 } }, { spacingM: 25, lanes: 2 });
    // A count is checked in vehicles: 600 m × 2 lanes ÷ 25 m = 48 vehicles against 40 counted: 1.2 apart.
    expect(ok).toMatchObject({ unit: 'vehicles', observed: 40, expected: 48, agrees: true });
    expect(ok.timesApart).toBeCloseTo(1.2, 12);
  });
  it("checks a wait against Little's law", () => {
    // 60 trucks queued ÷ 30 an hour = 2 h = 120 min; a 50-minute wait is 2.4 times shorter.
    const [c] = queueChecks({ metric: 'wait_minutes', value: 50 }, { queueVehicles: { id: 'q', value: 60 }, throughputPerHour: { id: 't', value: 30 } }, g);
    expect(c).toMatchObject({ check: 'wait-vs-littles-law', observed: 50, expected: 120, agrees: false, from: ['q', 't'] });
    // From the queue's side, with a length: 1,500 m ÷ 25 m = 60 trucks, the same 120 minutes against a 100-minute wait.
    const [fromLength] = queueChecks({ metric: 'queue_length_m', value: 1500 }, { waitMinutes: { id: 'w', value: 100 }, throughputPerHour: { id: 't', value: 30 } }, g);
    expect(fromLength).toMatchObject({ check: 'wait-vs-littles-law', observed: 100, expected: 120, agrees: true, from: ['t', 'w'] });
    expect(queueChecks({ metric: 'wait_minutes', value: 50 }, {}, g)).toEqual([]);
  });
  it('calls a zero against a positive figure infinitely apart, and two zeros equal', () => {
    expect(timesApart(0, 5)).toBe(Infinity);
    expect(timesApart(0, 0)).toBe(1);
  });
});
