import type { CrossingProperties } from '../../../server/contracts/crossings.js';
import type { CrossingMonth } from '../analysis/crossing-symbols.js';
import { t } from '../i18n/t.js';
import { el, formatNumber } from './dom.js';

/** The hover popup: the crossing's names in every script it has, its kind, and the month's value. */
export function crossingPopup(p: CrossingProperties, metricLabel: string, month: string | null, m: CrossingMonth | undefined): HTMLElement {
  const value = m?.value === null || !m ? t('noValue') : formatNumber(m.value, 1);
  return el('div', { className: 'popup' },
    el('strong', {}, p.names.en),
    p.names.zh ? el('div', { lang: 'zh' }, p.names.zh) : null,
    p.names.ko ? el('div', { lang: 'ko' }, p.names.ko) : null,
    el('div', {}, `${p.kindNote ?? p.kind} · ${p.countries.join('–')}`),
    el('div', {}, `${metricLabel} ${month ?? ''}: ${value}${m?.synthetic ? ` (${t('demoNote')})` : ''}`),
  );
}
