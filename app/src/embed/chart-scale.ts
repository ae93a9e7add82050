/**
 * A value axis from 0 to `max`: round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ, about `count` of them)
 * that do not pass the largest value, so the bars fill the panel; `top` is what the panel's height stands for.
 *
 * @example
 * valueAxis(205, 3) // { ticks: [0, 100, 200], top: 205 }
 */
export function valueAxis(max: number, count = 3): { ticks: number[]; top: number } {
  if (!(max > 0)) return { ticks: [0], top: 1 };
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw * (1 - 1e-9))!;
  const ticks = [0];
  // Multiplying (not adding) keeps 0.1-steps free of floating-point drift.
  for (let k = 1; k * step <= max * (1 + 1e-9); k++) ticks.push(Number((k * step).toPrecision(12)));
  return { ticks, top: max };
}

const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60];

/**
 * Which of `months` (YYYY-MM) get a label on the time axis: every 1, 2, 3, 6 or 12 months, on the
 * calendar (January, April, July…), as many as `slots` labels allow; `yearly` when only years are named.
 */
export function monthTicks(months: string[], slots: number): { indexes: number[]; yearly: boolean } {
  if (!months.length) return { indexes: [], yearly: false };
  const step = MONTH_STEPS.find((s) => Math.ceil(months.length / s) <= Math.max(1, slots)) ?? MONTH_STEPS.at(-1)!;
  const indexes = months
    .map((m, i) => ({ i, n: Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 }))
    .filter(({ n }) => n % step === 0)
    .map(({ i }) => i);
  // A range shorter than one step still names where it starts.
  return { indexes: indexes.length ? indexes : [0], yearly: step >= 12 };
}
