/** Every month from `from` to `to` inclusive, as `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m === 12 ? ((y += 1), (m = 1)) : (m += 1);
  }
  return out;
}

/** The UTC month an instant falls in, as `YYYY-MM`. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The first and last of some `YYYY-MM` months (which sort as text), in one pass: a border's are 12,000. */
export function monthSpan(months: Iterable<string>): { first?: string; last?: string } {
  let first: string | undefined;
  let last: string | undefined;
  for (const m of months) {
    if (first === undefined || m < first) first = m;
    if (last === undefined || m > last) last = m;
  }
  return { first, last };
}
