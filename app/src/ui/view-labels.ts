import type { AnalysisDto } from '../../../server/contracts/analysis.js';
import type { CrossingProperties } from '../../../server/contracts/crossings.js';
import { countryName } from '../i18n/country-name.js';
import type { StringKey } from '../i18n/en.js';
import { nameIn, t, type NameLanguage } from '../i18n/t.js';
import { borderName } from './border-select.js';

export type ViewLabels = {
  /** "Vehicles crossing", the metric as the filters name it. */
  metric: string;
  /** Where the activity is counted: the selected crossing, else every crossing of the border. */
  place: string;
  /** "Vehicles crossing — all United States – Mexico crossings". */
  activity: string;
  /** "United States imports from Mexico": the trade series the analysis reads, or null when none is stored. */
  trade: string | null;
};

/** The words chart, panel and banner use for the view, so they name the same things the same way. */
export function viewLabels(
  metric: string,
  selected: CrossingProperties | null,
  border: readonly [string, string] | null,
  trade: AnalysisDto['trade'] | null,
  lang: NameLanguage,
): ViewLabels {
  const metricLabel = t(`metric_${metric}` as StringKey);
  const place = selected ? nameIn(selected.names, lang) : border ? t('borderPlace', { border: borderName(border, lang) }) : '—';
  return {
    metric: metricLabel,
    place,
    activity: `${metricLabel} — ${place}`,
    trade: trade
      ? t(`flowPhrase_${trade.flow}` as StringKey, { reporter: countryName(trade.reporter, lang), partner: countryName(trade.partner, lang) })
      : null,
  };
}
