import type { Baseline } from './change.js';

/** What the one-sentence summary of an embed (its alt text and screen-reader text) is made from. */
export type HeadlineFacts = {
  metric: string;
  vehicleClass: string | null;
  /** The crossing's name as shown, in the chosen language. */
  place: string;
  month: string | null;
  value: number | null;
  change: number | null;
  baseline: Baseline;
  /** The month shown when the data has no value: the range searched. */
  range: { from: string; to: string } | null;
  synthetic: boolean;
  /** For numbers; words and month names are English, the one language the UI has so far. */
  locale: string;
};

const TEXT_LOCALE = 'en';

const NOUNS: Record<string, string> = {
  truck: 'trucks', bus: 'buses', car: 'cars', rail_wagon: 'rail wagons', pedestrian: 'pedestrians', other: 'other vehicles',
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Trucks waiting", "Vehicles crossing", "Wait for trucks (minutes)": what the number counts. */
export function metricPhrase(metric: string, vehicleClass: string | null): string {
  const nouns = (vehicleClass && NOUNS[vehicleClass]) || 'vehicles';
  switch (metric) {
    case 'queue_vehicles': return `${capitalize(nouns)} waiting`;
    case 'crossed_vehicles': return `${capitalize(nouns)} crossing`;
    case 'wait_minutes': return vehicleClass ? `Wait for ${nouns} (minutes)` : 'Wait (minutes)';
    case 'queue_length_m': return vehicleClass ? `Queue of ${nouns} (metres)` : 'Queue length (metres)';
    default: return metric;
  }
}

export function formatMonth(month: string, locale: string, withYear = true): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' })
    .format(new Date(`${month}-01T00:00:00Z`));
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Counts are whole vehicles; waits and lengths keep one decimal. */
export function formatValue(metric: string, value: number, locale: string): string {
  const digits = metric === 'queue_vehicles' || metric === 'crossed_vehicles' ? 0 : 1;
  return value.toLocaleString(locale, { maximumFractionDigits: digits });
}

/** "up 18 % on Oct", "down 4 % on the 12-month average", "unchanged on Oct"; null when there is no baseline. */
export function describeChange(change: number | null, month: string, baseline: Baseline, locale: string): string | null {
  if (change === null) return null;
  const prev = previousMonth(month);
  const against = baseline === 'previous'
    ? formatMonth(prev, TEXT_LOCALE, prev.slice(0, 4) !== month.slice(0, 4))
    : 'the 12-month average';
  const pct = Math.round(Math.abs(change) * 100);
  if (pct === 0) return `unchanged on ${against}`;
  return `${change > 0 ? 'up' : 'down'} ${pct.toLocaleString(locale)} % on ${against}`;
}

/**
 * The sentence an embed stands for, e.g. "Trucks waiting at Sino-Korean Friendship Bridge,
 * Nov 2025: 120, up 18 % on Oct". Made-up demo data says so.
 */
export function describeHeadline(f: HeadlineFacts): string {
  const what = `${metricPhrase(f.metric, f.vehicleClass)} at ${f.place}`;
  let sentence: string;
  if (f.month !== null && f.value === null) {
    sentence = `${what}, ${formatMonth(f.month, TEXT_LOCALE)}: no approved observations`;
  } else if (f.month === null || f.value === null) {
    const when = f.range ? ` between ${formatMonth(f.range.from, TEXT_LOCALE)} and ${formatMonth(f.range.to, TEXT_LOCALE)}` : ' yet';
    sentence = `${what}: no approved observations${when}`;
  } else {
    const change = describeChange(f.change, f.month, f.baseline, f.locale);
    sentence = `${what}, ${formatMonth(f.month, TEXT_LOCALE)}: ${formatValue(f.metric, f.value, f.locale)}${change ? `, ${change}` : ''}`;
  }
  return f.synthetic ? `${sentence} (synthetic demo data, not real observations)` : sentence;
}
