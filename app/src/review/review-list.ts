import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { el, formatNumber } from '../ui/dom.js';
import { queueChecksBlock } from './queue-checks.js';

export const utcMinute = (iso: string) => `${new Date(iso).toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export const cardTitle = (item: ReviewQueueItem) =>
  // The metric as the map's filter names it ("Queue length (m)"), not its API key.
  t('reviewCardTitle', { crossing: item.crossing.name, metric: t(`metric_${item.metric}` as StringKey), value: formatNumber(item.value, 1), vehicleClass: item.vehicleClass.replace('_', ' ') });

/** How the reviewer reads each reason; the window is the server's (`duplicateWindowMinutes`). */
export const duplicateWords = (reason: 'same_photo' | 'same_value', windowMinutes: number) =>
  reason === 'same_photo' ? 'the same photo' : `the same value within ${windowMinutes % 60 === 0 ? `${windowMinutes / 60} h` : `${windowMinutes} min`}`;

/**
 * One pending submission as a card in the queue: selecting it (click, Enter, or j/k) shows it in the detail pane.
 * Every piece of submitted text is set as text, never as HTML.
 */
export function reviewCard(item: ReviewQueueItem, selected: Set<string>, onOpen: (id: string) => void, windowMinutes: number): HTMLElement {
  const check = el('input', { type: 'checkbox', id: `pick-${item.id}`, checked: selected.has(item.id), 'aria-label': `Select for a bulk decision: ${cardTitle(item)}` });
  check.addEventListener('change', () => (check.checked ? selected.add(item.id) : selected.delete(item.id)));
  const open = el('button', { type: 'button', className: 'card-open', id: `title-${item.id}` }, cardTitle(item));
  open.addEventListener('click', () => onOpen(item.id));
  const dupes = item.likelyDuplicates;
  return el('article', { className: 'review-card', 'data-id': item.id, 'aria-labelledby': `title-${item.id}` },
    el('div', { className: 'card-head' }, check, open),
    el('p', { className: 'meta' },
      `${utcMinute(item.observedAt)} · ${item.method}`,
      item.direction ? ` · ${item.direction.from} → ${item.direction.to}` : '',
      ` · by ${item.submittedBy}`,
      item.photos.length ? ` · ${item.photos.length} photo${item.photos.length === 1 ? '' : 's'}` : ''),
    el('p', { className: 'source' }, 'Source: ', el('span', { className: 'source-text' }, item.source)),
    item.notes ? el('p', { className: 'notes' }, 'Notes: ', el('span', { className: 'notes-text' }, item.notes)) : null,
    el('p', { className: 'meta' },
      item.distanceToCrossingM === null ? 'No observer position' : `Observer ${formatNumber(item.distanceToCrossingM)} m from the crossing`,
      dupes.length ? el('strong', { className: 'dupes' }, ` · Likely duplicate (${[...new Set(dupes.flatMap((d) => d.reasons))].map((r) => duplicateWords(r, windowMinutes)).join(', ')})`) : null),
    queueChecksBlock(item.queueChecks),
  );
}
