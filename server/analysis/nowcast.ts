import { chains, fitModel, forecast, modelPoints, type Candidate } from './candidate-models.js';
import { Z95 } from './correlation.js';
import type { Series } from './lag-pairs.js';

/** Days after a month's end that a reporter's customs figure appears: China Customs about 20, the US Census about 35. */
export const DEFAULT_RELEASE_LAG_DAYS: Record<string, number> = { CN: 20, US: 35 };

export type NowcastMonth = { month: string; value: number; low: number; high: number };

/** Index of the last month with a published (positive) figure, or −1. */
export function lastPublished(y: Series): number {
  for (let t = y.length - 1; t >= 0; t--) if (y[t] !== null && y[t] !== undefined && y[t]! > 0) return t;
  return -1;
}

/**
 * The chosen model, fitted on all its pairs, for every month after the last published figure for which it
 * has its inputs. Models that start from last month's figure (naive, log-change) chain on the previous
 * month's nowcast, so a gap in activity ends the chain. The 95 % interval is taken in logs:
 * ŷ·exp(±1.959964·σ), σ² the sum of the one-step error variances of the chained months (one month's for
 * log-ols), so it contains ŷ and widens with each chained month.
 */
export function nowcast(months: readonly string[], x: Series, y: Series, chosen: Candidate | null): NowcastMonth[] {
  const last = lastPublished(y);
  if (!chosen || last < 0) return [];
  const points = modelPoints(chosen, x, y);
  if (points.length < 3) return [];
  const fitted = fitModel(chosen, points);
  const out: NowcastMonth[] = [];
  let previous: number | null = y[last]!;
  let variance = 0;
  for (let t = last + 1; t < months.length; t++) {
    const f = forecast(fitted, t, x, previous);
    if (!f) {
      if (chains(chosen)) break;
      continue;
    }
    variance = chains(chosen) ? variance + f.logError ** 2 : f.logError ** 2;
    const spread = Z95 * Math.sqrt(variance);
    out.push({ month: months[t], value: f.value, low: f.value * Math.exp(-spread), high: f.value * Math.exp(spread) });
    previous = f.value;
  }
  return out;
}

/**
 * When customs is expected to publish `month`: `lagDays` after the month's last day (China Customs about
 * 20, the US Census about 35). Null when the reporter's release lag is not known.
 *
 * @example
 * expectedPublication('2021-12', 35) // '2022-02-04'
 */
export function expectedPublication(month: string, lagDays: number | null): string | null {
  if (lagDays === null) return null;
  const [y, m] = month.split('-').map(Number);
  // Day 0 of the next month is this month's last day.
  const d = new Date(Date.UTC(y, m, 0));
  d.setUTCDate(d.getUTCDate() + lagDays);
  return d.toISOString().slice(0, 10);
}
