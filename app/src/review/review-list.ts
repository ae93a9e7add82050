import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { el, formatNumber } from '../ui/dom.js';
import { queueChecksBlock } from './queue-checks.js';

/** One pending submission as a card. Every piece of submitted text is set as text, never as HTML. */
export function reviewCard(item: ReviewQueueItem, selected: Set<string>, onSelect: (id: string) => void): HTMLElement {
  const check = el('input', { type: 'checkbox', id: `pick-${item.id}`, checked: selected.has(item.id) });
  check.addEventListener('change', () => (check.checked ? selected.add(item.id) : selected.delete(item.id)));
  const show = el('button', { type: 'button', className: 'link' }, 'Show position and history');
  show.addEventListener('click', () => onSelect(item.id));
  return el('article', { className: 'review-card', 'data-id': item.id, 'aria-labelledby': `title-${item.id}` },
    el('div', { className: 'card-head' },
      check,
      el('label', { for: `pick-${item.id}`, id: `title-${item.id}` },
        // The metric as the map's filter names it ("Queue length (m)"), not its API key.
        t('reviewCardTitle', { crossing: item.crossing.name, metric: t(`metric_${item.metric}` as StringKey), value: formatNumber(item.value, 1), vehicleClass: item.vehicleClass.replace('_', ' ') }))),
    el('p', { className: 'meta' },
      `${new Date(item.observedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC · ${item.method}`,
      item.direction ? ` · ${item.direction.from} → ${item.direction.to}` : '',
      ` · by ${item.submittedBy}`),
    el('p', { className: 'source' }, 'Source: ', el('span', { className: 'source-text' }, item.source)),
    item.notes ? el('p', { className: 'notes' }, 'Notes: ', el('span', { className: 'notes-text' }, item.notes)) : null,
    el('p', { className: 'meta' },
      item.distanceToCrossingM === null ? 'No observer position' : `Observer ${formatNumber(item.distanceToCrossingM)} m from the crossing`,
      item.likelyDuplicates.length ? el('strong', { className: 'dupes' }, ` · ${item.likelyDuplicates.length} likely duplicate(s)`) : null),
    queueChecksBlock(item.queueChecks),
    item.photos.length
      ? el('div', { className: 'photos' }, ...item.photos.map((p, i) =>
          el('a', { href: p.url, target: '_blank', rel: 'noopener' },
            el('img', { src: p.url, alt: `Photo ${i + 1} of the submission`, width: 160, height: Math.round((160 * p.height) / p.width), loading: 'lazy' }))))
      : null,
    show,
  );
}
