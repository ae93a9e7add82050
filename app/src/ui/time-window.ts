import { t } from '../i18n/t.js';
import { el } from './dom.js';

/**
 * The time window: the first and last month the slider, chart, table and analysis cover, picked among the
 * months that have data. Empty values mean "from the first" and "to the last".
 */
export function renderTimeWindow(
  root: HTMLElement,
  months: string[],
  window: { from: string | null; to: string | null },
  onChange: (patch: { from: string | null; to: string | null }) => void,
) {
  const pick = (id: string, label: string, value: string | null, anyLabel: string, allowed: (m: string) => boolean, key: 'from' | 'to') => {
    const s = el('select', { id, name: id },
      el('option', { value: '', selected: value === null }, anyLabel),
      ...months.filter(allowed).map((m) => el('option', { value: m, selected: m === value }, m)));
    s.addEventListener('change', () => onChange({ ...window, [key]: s.value || null }));
    return el('label', { className: 'filter', for: id }, el('span', {}, label), s);
  };
  root.replaceChildren(
    pick('window-from', t('rangeFrom'), window.from, t('rangeFirst'), (m) => !window.to || m <= window.to, 'from'),
    pick('window-to', t('rangeTo'), window.to, t('rangeLast'), (m) => !window.from || m >= window.from, 'to'),
  );
}
