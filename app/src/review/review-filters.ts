import { METHODS } from '../../../server/contracts/vocabulary.js';
import { el } from '../ui/dom.js';
import type { QueueFilters, QueuePage } from './review-api.js';

const AGES: [string, string, QueueFilters][] = [
  ['', 'Any age', {}],
  ['day', 'Arrived in the last 24 h', { maxAgeHours: '24' }],
  ['week', 'Arrived in the last 7 days', { maxAgeHours: '168' }],
  ['older', 'Waiting more than 7 days', { minAgeHours: '168' }],
];

/** Filters of the queue, each offering what is pending (with counts), so a choice rarely leads to an empty list. */
export function reviewFilters(facets: QueuePage['facets'], current: QueueFilters & { age?: string }, onChange: (f: QueueFilters & { age?: string }) => void): HTMLElement {
  const select = (id: string, label: string, options: [string, string][], value: string | undefined) => {
    // The filter in force stays offered even when nothing it selects is pending any more.
    if (value && !options.some(([v]) => v === value)) options.push([value, `${value} (0)`]);
    const s = el('select', { id }, ...options.map(([v, l]) => el('option', { value: v, selected: v === (value ?? '') }, l)));
    return { s, field: el('div', { className: 'filter' }, el('label', { for: id }, label), s) };
  };
  const crossing = select('filter-crossing', 'Crossing', [['', 'All crossings'], ...facets.crossings.map((c): [string, string] => [c.id, `${c.name} (${c.count})`])], current.crossing);
  const observer = select('filter-observer', 'Observer', [['', 'Everyone'], ...facets.observers.map((o): [string, string] => [o.id, `${o.label} (${o.count})`])], current.observer);
  const method = select('filter-method', 'Method', [['', 'Any method'], ...METHODS.map((m): [string, string] => [m, m])], current.method);
  const age = select('filter-age', 'Age', AGES.map(([v, l]) => [v, l]), current.age);
  const changed = () => {
    const ageFilter = AGES.find(([v]) => v === age.s.value)?.[2] ?? {};
    onChange({ crossing: crossing.s.value || undefined, observer: observer.s.value || undefined, method: method.s.value || undefined, age: age.s.value || undefined, ...ageFilter });
  };
  for (const f of [crossing, observer, method, age]) f.s.addEventListener('change', changed);
  return el('div', { className: 'review-filters', role: 'group', 'aria-label': 'Filter the queue' }, crossing.field, observer.field, method.field, age.field);
}
