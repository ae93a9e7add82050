import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import { el, formatNumber } from '../ui/dom.js';
import { cardTitle, duplicateWords, utcMinute } from './review-list.js';
import type { AuditEntry } from './review-api.js';

export type DetailActions = {
  approve: (item: ReviewQueueItem) => void;
  reject: (item: ReviewQueueItem, reason: string) => void;
  /** Opens another item of the queue (a duplicate's original, when it is pending too). */
  open: (id: string) => boolean;
  mapSlot: HTMLElement;
  duplicateWindowMinutes: number;
};

/**
 * The selected submission in full: its photos, where it was seen from (the map), what it may duplicate, its
 * history, and the decision. "Reject as duplicate" fills the reason with the original's id.
 */
export function reviewDetail(item: ReviewQueueItem, history: AuditEntry[] | null, actions: DetailActions): HTMLElement {
  const reason = el('input', { type: 'text', id: 'detail-reason', maxlength: 1000, placeholder: 'Why it is rejected (the observer sees this)' });
  const approve = el('button', { type: 'button', className: 'approve' }, 'Approve (a)');
  const reject = el('button', { type: 'button', className: 'reject' }, 'Reject (r)');
  approve.addEventListener('click', () => actions.approve(item));
  reject.addEventListener('click', () => actions.reject(item, reason.value));
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') actions.reject(item, reason.value);
  });
  const dupes = item.likelyDuplicates.map((d) => {
    const why = d.reasons.map((r) => duplicateWords(r, actions.duplicateWindowMinutes)).join(' and ');
    const link = el('a', { href: `#item-${d.id}`, className: 'dupe-link' }, `${formatNumber(d.value, 1)} at ${utcMinute(d.observedAt)}`);
    link.addEventListener('click', (e) => {
      // A pending original opens here; an approved one is described in the line itself.
      if (actions.open(d.id)) e.preventDefault();
    });
    // This one is the copy when the other came first (or is approved already): rejecting the earlier one instead
    // would leave the pair with no original.
    const isCopy = d.status === 'approved' || d.observedAt < item.observedAt || (d.observedAt === item.observedAt && d.id < item.id);
    const asDuplicate = isCopy ? el('button', { type: 'button', className: 'reject-duplicate' }, 'Reject as duplicate') : null;
    asDuplicate?.addEventListener('click', () => actions.reject(item, `Duplicate of ${d.id} (${why})`));
    return el('li', {}, `${why}: `, link, ` by ${d.submittedBy}, ${d.status} `, el('small', { className: 'muted' }, `(${d.id.slice(0, 8)})`),
      ' ', asDuplicate ?? el('small', { className: 'muted' }, 'the later one is the copy'));
  });
  return el('div', { className: 'detail-body' },
    el('h2', { id: 'detail-heading', tabindex: -1 }, cardTitle(item)),
    el('p', { className: 'meta' }, `${utcMinute(item.observedAt)} · ${item.method} · by ${item.submittedBy}`,
      item.period ? ` · counted ${utcMinute(item.period.start)} – ${utcMinute(item.period.end)}` : ''),
    el('div', { className: 'decision', role: 'group', 'aria-label': 'Decision' },
      approve,
      el('label', { for: 'detail-reason', className: 'sr-only' }, 'Reason to reject this submission'), reason, reject),
    item.likelyDuplicates.length
      ? el('section', { className: 'duplicates', 'aria-label': 'Likely duplicates' }, el('h3', {}, 'Likely duplicate of'), el('ul', {}, ...dupes))
      : el('p', { className: 'muted' }, `No likely duplicates: no other observation has the same photo, or ${duplicateWords('same_value', actions.duplicateWindowMinutes)} at this crossing.`),
    // Photos and the map side by side, both in view with the decision above them.
    el('div', { className: 'detail-media' },
      item.photos.length
        ? el('div', { className: 'detail-photos' }, ...item.photos.map((p, i) =>
            el('a', { href: p.url, target: '_blank', rel: 'noopener' },
              el('img', { src: p.url, alt: `Photo ${i + 1} of the submission`, width: 280, height: Math.round((280 * p.height) / p.width), loading: 'lazy' }))))
        : el('p', { className: 'muted detail-photos' }, 'No photos.'),
      el('div', { className: 'detail-position' },
        actions.mapSlot,
        el('p', { className: 'muted' }, item.observer
          ? `Blue: the crossing. Orange: the observer${item.observer.accuracyM ? `, with the ${formatNumber(item.observer.accuracyM)} m circle their fix may lie in` : ''}${item.distanceToCrossingM !== null ? `; ${formatNumber(item.distanceToCrossingM)} m apart` : ''}. Grey: other crossings.`
          : 'No observer position was sent. Blue: the crossing; grey: other crossings.'))),
    el('p', { className: 'source' }, 'Source: ', el('span', { className: 'source-text' }, item.source)),
    item.notes ? el('p', { className: 'notes' }, 'Notes: ', el('span', { className: 'notes-text' }, item.notes)) : null,
    el('h3', {}, 'History'),
    history === null ? el('p', { className: 'muted' }, 'Loading the history…')
      : el('ol', { className: 'audit' }, ...history.map((e) => el('li', {}, `${e.at.slice(0, 16).replace('T', ' ')} ${e.action} by ${e.actor}${e.importFileName ? ` (import of ${e.importFileName})` : ''}${e.reason ? ` — ${e.reason}` : ''}`))),
  );
}
