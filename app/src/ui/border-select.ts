import type { BordersDto } from '../../../server/contracts/analysis.js';
import { borderKey } from '../analysis/analysis-query.js';
import { countryName } from '../i18n/country-name.js';
import type { StringKey } from '../i18n/en.js';
import { t, type NameLanguage } from '../i18n/t.js';
import { FLOW_CHOICES, type Flow } from '../view-state.js';
import { el } from './dom.js';

type Border = BordersDto['borders'][number];

/** "United States – Mexico", as the selector and the panel name a border. */
export const borderName = (pair: readonly string[], lang: NameLanguage = 'en') =>
  t('borderOption', { a: countryName(pair[0], lang), b: countryName(pair[1], lang) });

/** The option text, with what an analyst must know before picking it: demo data only, or no trade figures. */
export function borderLabel(b: Border, lang: NameLanguage = 'en'): string {
  const notes = [b.syntheticOnly ? t('borderDemo') : '', b.tradeReporter === null ? t('borderNoTrade') : ''].filter(Boolean);
  return notes.length ? `${borderName(b.countries, lang)} (${notes.join(', ')})` : borderName(b.countries, lang);
}

function labelled(id: string, label: string, s: HTMLSelectElement) {
  return el('label', { className: 'filter', for: id }, el('span', {}, label), s);
}

/**
 * The border selector and the trade flow, the first two filters: an analyst reads a whole border
 * against its customs figures, not only one crossing.
 */
export function borderSelect(
  borders: Border[],
  view: { border: string; flow: Flow },
  lang: NameLanguage,
  onChange: (patch: { border?: string; flow?: Flow }) => void,
): HTMLElement[] {
  const border = el('select', { id: 'filter-border', name: 'border' });
  for (const b of borders) {
    const value = borderKey(b.countries);
    border.append(el('option', { value, selected: value === view.border }, borderLabel(b, lang)));
  }
  border.addEventListener('change', () => onChange({ border: border.value }));
  const flow = el('select', { id: 'filter-flow', name: 'flow' });
  for (const f of FLOW_CHOICES) flow.append(el('option', { value: f, selected: f === view.flow }, t(`flow_${f}` as StringKey)));
  flow.addEventListener('change', () => onChange({ flow: flow.value as Flow }));
  return [labelled('filter-border', t('filterBorder'), border), labelled('filter-flow', t('filterFlow'), flow)];
}
