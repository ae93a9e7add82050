import type { MonthlyRollupDto } from '../../../server/contracts/rollups.js';

/**
 * What the demo-data banner may truthfully say about the view:
 * - `demo-only`: the selected crossing (else the selected border) shows synthetic activity and no real activity;
 * - `mixed`: it shows both (never in one value; each crossing-month is one or the other);
 * - `elsewhere`: it shows real activity only (or none), and other crossings on the map show demo data;
 * - `none`: no demo data is loaded at all.
 */
export type DemoScope =
  | { kind: 'none' }
  | { kind: 'demo-only' | 'mixed' }
  | { kind: 'elsewhere'; borders: [string, string][] };

type Crossing = { id: string; countries: readonly string[] };

/**
 * Which crossings are in focus: the selected one, else those joining the border's two countries.
 *
 * @example
 * demoScope(rollup, crossings, ['US', 'MX'], null) // { kind: 'elsewhere', borders: [['CN', 'KP']] }
 */
export function demoScope(
  rollup: Pick<MonthlyRollupDto, 'crossings'>,
  crossings: readonly Crossing[],
  border: readonly [string, string] | null,
  selected: string | null,
): DemoScope {
  const countries = new Map(crossings.map((c) => [c.id, c.countries]));
  const inFocus = (id: string) => {
    if (selected) return id === selected;
    const cs = countries.get(id);
    return Boolean(border && cs && border.every((c) => cs.includes(c)));
  };
  let focusReal = false;
  let focusDemo = false;
  const elsewhere = new Map<string, [string, string]>();
  for (const c of rollup.crossings) {
    const demo = c.values.some((v) => v?.synthetic);
    if (inFocus(c.id)) {
      focusDemo ||= demo;
      focusReal ||= c.values.some((v) => v && !v.synthetic);
    } else if (demo) {
      const cs = countries.get(c.id);
      // A crossing the map cannot place on a border still counts, under its id, so the note is never silent.
      const pair: [string, string] = cs && cs.length >= 2 ? [cs[0], cs[1]] : [c.id, ''];
      elsewhere.set(pair.join('-'), pair);
    }
  }
  if (focusDemo) return { kind: focusReal ? 'mixed' : 'demo-only' };
  if (elsewhere.size) return { kind: 'elsewhere', borders: [...elsewhere.values()].sort((a, b) => a.join().localeCompare(b.join())) };
  return { kind: 'none' };
}
