import { CHANGE_CLASSES, CHANGE_COLORS, radiusFor } from './crossing-symbols.js';

export type LegendModel = {
  /** What circle size shows: the metric, its unit and the month. */
  sizeTitle: string;
  /** Reference circles: a value and the radius the map draws it with. */
  sizes: { value: number; label: string; radius: number }[];
  colorTitle: string;
  colors: { color: string; label: string }[];
  /** Grey: a value with nothing earlier to compare it with. */
  noChange: { color: string; label: string };
  /** The faded dot: no value in this month. */
  noData: { color: string; label: string; radius: number };
};

/** The largest "round" number (1, 2 or 5 × a power of ten) not above `x`. */
export function roundDown(x: number): number {
  if (!(x > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/**
 * What the map's symbols mean in the view shown: three reference circles drawn by the map's own size rule
 * (largest value of the range, a quarter and a sixteenth of it, rounded down), the colour classes of change
 * against the chosen baseline, grey and the faded dot. The on-screen legend and the exported image both draw this.
 */
export function legendModel(input: { metricLabel: string; unitLabel: string; month: string | null; max: number; baselineLabel: string; format: (v: number) => string }): LegendModel {
  const values = [...new Set([input.max, input.max / 4, input.max / 16].map(roundDown))].filter((v) => v > 0);
  return {
    sizeTitle: `${input.metricLabel}${input.month ? `, ${input.month}` : ''} (${input.unitLabel})`,
    sizes: values.map((value) => ({ value, label: input.format(value), radius: radiusFor(value, input.max) })),
    colorTitle: `Change against the ${input.baselineLabel}`,
    colors: CHANGE_CLASSES.map((c) => ({ color: c.color, label: c.label })),
    noChange: { color: CHANGE_COLORS.none, label: 'no earlier value to compare' },
    noData: { color: '#9e9e9e', label: 'no data in this month', radius: radiusFor(null, input.max) },
  };
}
