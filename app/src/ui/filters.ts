import { t } from '../i18n/t.js';
import type { StringKey } from '../i18n/en.js';
import { METRIC_CHOICES, type ViewState } from '../view-state.js';
import { el } from './dom.js';

import { METHODS, REVIEW_STATUSES, VEHICLE_CLASSES } from '../../../server/contracts/vocabulary.js';

type Option = { value: string; label: string };

function select(id: string, label: string, options: Option[], value: string, onChange: (v: string) => void) {
  const s = el('select', { id, name: id });
  for (const o of options) s.append(el('option', { value: o.value, selected: o.value === value }, o.label));
  s.addEventListener('change', () => onChange(s.value));
  return el('label', { className: 'filter', for: id }, el('span', {}, label), s);
}

const anyOption: Option = { value: '', label: t('any') };
const plain = (values: string[]) => values.map((v) => ({ value: v, label: v.replace('_', ' ') }));

/** The filter bar: border and flow, metric, vehicle class, direction, method, review status and the change baseline. */
export function renderFilters(
  root: HTMLElement,
  view: ViewState,
  directions: string[],
  onChange: (patch: Partial<ViewState>) => void,
  /** The border and flow selectors, first in the bar (nothing until the borders have loaded). */
  leading: HTMLElement[] = [],
  /** Analysts and admins may count pending or rejected observations; the public sees approved ones only. */
  canReview = false,
) {
  const help: StringKey[] = [
    ...(leading.length ? (['filterHelp_border', 'filterHelp_flow'] as const) : []),
    'filterHelp_metric', 'filterHelp_vehicleClass', 'filterHelp_direction', 'filterHelp_method',
    ...(canReview ? (['filterHelp_status'] as const) : []),
    'filterHelp_baseline',
  ];
  const parts: (HTMLElement | null)[] = [
    ...leading,
    select('filter-metric', t('filterMetric'),
      METRIC_CHOICES.map((m) => ({ value: m, label: t(`metric_${m}` as StringKey) })), view.metric,
      (v) => onChange({ metric: v })),
    select('filter-vehicle-class', t('filterVehicleClass'), [anyOption, ...plain([...VEHICLE_CLASSES])], view.vehicleClass ?? '',
      (v) => onChange({ vehicleClass: v || null })),
    select('filter-direction', t('filterDirection'),
      [anyOption, ...directions.map((d) => ({ value: d, label: d.replace('-', ' → ') })), { value: 'unknown', label: t('directionUnknown') }],
      view.direction ?? '', (v) => onChange({ direction: v || null })),
    select('filter-method', t('filterMethod'), [anyOption, ...plain([...METHODS])], view.method ?? '',
      (v) => onChange({ method: v || null })),
    canReview
      ? select('filter-status', t('filterStatus'), [{ value: '', label: `${t('any')} (not rejected)` }, ...plain([...REVIEW_STATUSES])], view.status ?? '',
        (v) => onChange({ status: v || null }))
      : null,
    select('filter-baseline', t('filterBaseline'),
      [{ value: 'previous', label: t('baselinePrevious') }, { value: 'trailing12', label: t('baselineTrailing12') }],
      view.baseline, (v) => onChange({ baseline: v === 'trailing12' ? 'trailing12' : 'previous' })),
    el('details', { className: 'filters-help' },
      el('summary', {}, t('filtersHelpTitle')),
      el('ul', {}, ...help.map((k) => el('li', {}, t(k))))),
  ];
  root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
