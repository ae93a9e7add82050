import type { MonthlyRollupDto } from '../../../server/contracts/rollups.js';
import { relativeChange, type Baseline } from './change.js';
import { monthlyValue } from '../../../server/analysis/monthly-value.js';

export const MIN_RADIUS = 5;
export const MAX_RADIUS = 26;

/** Diverging colours for change: rises warm, falls cool, no baseline grey. */
export const CHANGE_COLORS = {
  upStrong: '#d7301f', up: '#fc8d59', flat: '#bdbdbd', down: '#67a9cf', downStrong: '#2166ac', none: '#7f7f7f',
} as const;

/** The colour classes of change, highest first; a change takes the first class it is in (map and legend read this one table). */
export const CHANGE_CLASSES: readonly { color: string; label: string; holds: (change: number) => boolean }[] = [
  { color: CHANGE_COLORS.upStrong, label: '+10 % or more', holds: (c) => c >= 0.1 },
  { color: CHANGE_COLORS.up, label: '+2 % to +10 %', holds: (c) => c >= 0.02 },
  { color: CHANGE_COLORS.flat, label: 'within ±2 %', holds: (c) => c > -0.02 },
  { color: CHANGE_COLORS.down, label: '−2 % to −10 %', holds: (c) => c > -0.1 },
  { color: CHANGE_COLORS.downStrong, label: '−10 % or less', holds: () => true },
];

export function changeColor(change: number | null): string {
  if (change === null) return CHANGE_COLORS.none;
  return CHANGE_CLASSES.find((c) => c.holds(change))!.color;
}

export type CrossingMonth = { value: number | null; change: number | null; n: number; synthetic: boolean };

/** Each crossing's value series for the metric, aligned with `rollup.months`. */
export function valueSeries(rollup: MonthlyRollupDto): Map<string, (number | null)[]> {
  return new Map(rollup.crossings.map((c) => [c.id, c.values.map((cell) => monthlyValue(rollup.metric, cell))]));
}

/** The largest value anywhere in the range: symbol sizes are relative to it, so months compare. */
export function maxValue(series: Map<string, (number | null)[]>): number {
  let max = 0;
  for (const values of series.values()) for (const v of values) if (v !== null && v > max) max = v;
  return max;
}

/** Area-true size: radius grows with the square root of the value. */
export function radiusFor(value: number | null, max: number): number {
  if (value === null || max <= 0) return MIN_RADIUS - 1;
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(value / max);
}

/** Value, change, count and synthetic flag of every crossing in month `i`. */
export function crossingMonth(
  rollup: MonthlyRollupDto,
  series: Map<string, (number | null)[]>,
  i: number,
  baseline: Baseline,
): Map<string, CrossingMonth> {
  const out = new Map<string, CrossingMonth>();
  for (const c of rollup.crossings) {
    const values = series.get(c.id)!;
    const cell = c.values[i] ?? null;
    out.set(c.id, {
      value: values[i] ?? null,
      change: relativeChange(values, i, baseline, c.values.map((v) => v?.synthetic)),
      n: cell?.n ?? 0,
      synthetic: cell?.synthetic ?? false,
    });
  }
  return out;
}
