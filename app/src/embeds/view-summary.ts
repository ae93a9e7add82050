// What a saved view shows, in the words an analyst reads in the list, and the map URL that opens it again.
import type { SavedViewSettings } from '../../../server/contracts/views.js';
import { countryName } from '../i18n/country-name.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { borderName } from '../ui/border-select.js';
import { DEFAULT_VIEW, serializeViewState } from '../view-state.js';

export type ViewSummary = {
  /** The crossing, else every crossing of the border, else the server's default border. */
  place: string;
  metric: string;
  months: string;
  /** Narrowing filters ("vehicle class: truck"), empty when there are none. */
  filters: string[];
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03" → "Mar 2025" (by hand: a month is no instant, so no time zone may shift it). */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${year}`;
}

/** The months a view shows: its slider month, within its time window when it has one. */
export function monthsText(view: Pick<SavedViewSettings, 'month' | 'from' | 'to'>): string {
  const window =
    view.from && view.to ? `in ${formatMonth(view.from)} – ${formatMonth(view.to)}`
    : view.from ? `from ${formatMonth(view.from)}`
    : view.to ? `up to ${formatMonth(view.to)}`
    : null;
  const month = view.month ? formatMonth(view.month) : 'Latest month with data';
  return window ? `${month}, ${window}` : month;
}

/** "CN-KP" → "China to North Korea"; "unknown" as the map's filter names it. */
function directionText(direction: string): string {
  if (direction === 'unknown') return t('directionUnknown').toLowerCase();
  const [from, to] = direction.split('-');
  return `${countryName(from)} to ${countryName(to)}`;
}

/** `crossingName` gives a crossing's name from its id, or null when it is not known (then the id is shown). */
export function describeView(view: SavedViewSettings, crossingName: (id: string) => string | null): ViewSummary {
  const place = view.crossing
    ? crossingName(view.crossing) ?? view.crossing
    : view.border
      ? t('borderPlace', { border: borderName(view.border.split('-')) })
      : 'the default border (of the busiest crossing)';
  const filters = [
    view.vehicleClass && `vehicle class: ${view.vehicleClass.replace('_', ' ')}`,
    view.direction && `direction: ${directionText(view.direction)}`,
    view.method && `method: ${view.method}`,
  ].filter((f): f is string => Boolean(f));
  return { place, metric: t(`metric_${view.metric}` as StringKey), months: monthsText(view), filters };
}

/** The analyst map's URL for a saved view: the same query string the map itself writes. */
export function mapUrlOf(view: SavedViewSettings): string {
  return `/${serializeViewState({ ...DEFAULT_VIEW, ...view, status: null, view: 'map', lang: null })}`;
}
