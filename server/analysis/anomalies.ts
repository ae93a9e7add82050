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
  return medianInPlace(Float64Array.from(values), values.length);
}

/** The median of the first n values of `a`, sorting them in place (insertion sort: n ≤ 12 here, called per crossing-month). */
function medianInPlace(a: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    for (; j >= 0 && a[j] > v; j--) a[j + 1] = a[j];
    a[j + 1] = v;
  }
  const mid = n >> 1;
  return n % 2 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

// Scratch buffers: a border's analysis checks every crossing-month, and allocation was most of its cost.
const historyBuffer = new Float64Array(12);
const deviations = new Float64Array(12);

/**
 * Whether month i lies outside the band of its own previous 12 months (a Hampel filter): outside
 * median ± 3 × 1.4826 × MAD, MAD the median absolute deviation from the median. Null when month i has no
 * value, when fewer than 6 of the 12 months before it have one, or when it lies inside the band.
 */
export function anomalyAt(v: Series, i: number): Anomaly | null {
  const value = v[i];
  if (value === null || value === undefined) return null;
  let n = 0;
  for (let j = Math.max(0, i - 12); j < i; j++) {
    const h = v[j];
    if (h !== null && h !== undefined) historyBuffer[n++] = h;
  }
  if (n < MIN_HISTORY) return null;
  const med = medianInPlace(historyBuffer, n);
  for (let j = 0; j < n; j++) deviations[j] = Math.abs(historyBuffer[j] - med);
  const scale = MAD_TO_SD * medianInPlace(deviations, n);
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
