import type { Series } from './lag-pairs.js';

/** How many of the previous 12 months must have a value before a band is drawn. */
export const MIN_HISTORY = 6;
/** The band's half-width in robust standard deviations. */
export const BAND_WIDTH = 3;
/** MAD × 1.4826 estimates the standard deviation of normally distributed values. */
export const MAD_TO_SD = 1.4826;

export type Anomaly = {
  direction: 'high' | 'low';
  /** Median of the previous 12 months (those with values). */
  median: number;
  /** The expected band: median ± 3 × 1.4826 × MAD. */
  low: number;
  high: number;
  /** (value − median) / median; null when the median is 0. */
  relative: number | null;
  /** (value − median) / (1.4826 × MAD); null when MAD is 0. */
  robustZ: number | null;
};

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Whether month i lies outside the band of its own previous 12 months (a Hampel filter): outside
 * median ± 3 × 1.4826 × MAD, MAD the median absolute deviation from the median. Null when month i has no
 * value, when fewer than 6 of the 12 months before it have one, or when it lies inside the band.
 */
export function anomalyAt(v: Series, i: number): Anomaly | null {
  const value = v[i];
  if (value === null || value === undefined) return null;
  const history = v.slice(Math.max(0, i - 12), i).filter((h): h is number => h !== null && h !== undefined);
  if (history.length < MIN_HISTORY) return null;
  const med = median(history);
  const scale = MAD_TO_SD * median(history.map((h) => Math.abs(h - med)));
  const low = med - BAND_WIDTH * scale;
  const high = med + BAND_WIDTH * scale;
  if (value >= low && value <= high) return null;
  return {
    direction: value > high ? 'high' : 'low',
    median: med,
    low,
    high,
    relative: med === 0 ? null : (value - med) / med,
    robustZ: scale === 0 ? null : (value - med) / scale,
  };
}
