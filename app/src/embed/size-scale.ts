import type { EmbedCrossingDto } from '../../../server/contracts/embeds.js';
import { MAX_RADIUS, MIN_RADIUS, radiusFor } from '../analysis/crossing-symbols.js';
import { roundDown } from '../analysis/legend-model.js';

/**
 * The value the map's largest circle stands for. The server sizes each crossing with
 * `radiusFor(value, max)` but sends only the radius; inverting it on the crossing drawn largest
 * gives `max` back (to the 0.1 px the radius is rounded to), so the legend's circles are drawn
 * by the same rule as the map's. Null when no crossing has a value to size by.
 */
export function sizeScaleMax(crossings: Pick<EmbedCrossingDto, 'value' | 'radius'>[]): number | null {
  let best: { value: number; radius: number } | null = null;
  for (const c of crossings) {
    if (c.value === null || c.value <= 0 || c.radius <= MIN_RADIUS) continue;
    if (!best || c.radius > best.radius) best = { value: c.value, radius: c.radius };
  }
  if (!best) return null;
  const share = (best.radius - MIN_RADIUS) / (MAX_RADIUS - MIN_RADIUS);
  return best.value / (share * share);
}


/**
 * Two or three round values for the legend's reference circles, largest first: the largest round
 * value the scale reaches, then about a quarter and a twentieth of it (a square-root scale makes
 * those clearly smaller circles). Values that would draw the same circle are dropped.
 *
 * @example
 * referenceValues(310) // [200, 50, 10]
 */
export function referenceValues(max: number): number[] {
  if (!(max > 0)) return [];
  const top = roundDown(max);
  const out = [top, roundDown(top / 4), roundDown(top / 20)];
  return out.filter((v, i) => i === 0 || radiusFor(out[i - 1], max) - radiusFor(v, max) >= 2);
}
