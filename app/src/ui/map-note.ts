import { t } from '../i18n/t.js';
import { el } from './dom.js';

export type MapState =
  | { kind: 'loading' }
  | { kind: 'empty'; metric: string; filters: string[] }
  | { kind: 'empty-month'; month: string }
  | null;

/** Over the map: a loading sign, or why nothing is drawn and what to change; nothing when there is data. */
export function renderMapNote(root: HTMLElement, state: MapState) {
  root.hidden = state === null;
  if (!state) {
    root.replaceChildren();
    return;
  }
  if (state.kind === 'loading') {
    root.replaceChildren(el('p', { className: 'map-loading' }, t('mapLoading')));
    return;
  }
  const lines = state.kind === 'empty-month'
    ? [t('mapEmptyMonth', { month: state.month })]
    : [t('mapEmpty', { metric: state.metric }),
      state.filters.length ? t('mapEmptyFilters', { filters: state.filters.join(', ') }) : t('mapEmptyMetric')];
  root.replaceChildren(el('p', { className: 'map-empty' }, ...lines.flatMap((l, i) => (i ? [el('br'), l] : [l]))));
}
