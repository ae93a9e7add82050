import type { ViewState } from '../view-state.js';

/** A border as the URL writes it (`US-MX`) and as the API takes it (reporter first). */
export const borderKey = (pair: readonly [string, string] | readonly string[]) => `${pair[0]}-${pair[1]}`;

export function parseBorder(key: string | null): [string, string] | null {
  const m = key ? /^([A-Z]{2})-([A-Z]{2})$/.exec(key) : null;
  return m ? [m[1], m[2]] : null;
}

/**
 * The `/api/analysis` query for a view: the selected crossing when there is one (the border's reporter
 * then picks the trade side, if the crossing is on that border), else the whole border.
 *
 * @example
 * analysisQuery({ ...DEFAULT_VIEW }, ['US', 'MX'], null) // { reporter: 'US', partner: 'MX', flow: 'imports', … }
 */
export function analysisQuery(
  view: ViewState,
  border: readonly [string, string] | null,
  crossingCountries: readonly string[] | null,
): Record<string, string | null> | null {
  const common = { flow: view.flow, metric: view.metric, vehicleClass: view.vehicleClass, method: view.method, from: view.from, to: view.to };
  if (view.crossing && crossingCountries) {
    const reporter = border && crossingCountries.includes(border[0]) ? border[0] : null;
    return { crossing: view.crossing, reporter, ...common };
  }
  if (!border) return null;
  return { reporter: border[0], partner: border[1], ...common };
}
