import { el } from '../ui/dom.js';
import { ownedBy, type QueueItem, type SentItem } from './queue-store.js';
import type { CrossingChoice } from './upload-form.js';

export type ListActions = {
  edit: (item: QueueItem) => void;
  remove: (item: QueueItem) => Promise<void>;
  /** The item being sent right now: it cannot be edited or deleted until the server has answered. */
  sendingId: string | null;
};

const METRIC_WORDS: Record<string, string> = {
  queue_vehicles: 'vehicles queuing', crossed_vehicles: 'vehicles crossed', queue_length_m: 'm of queue', wait_minutes: 'min wait',
};

export function describeObservation(o: Record<string, unknown>, crossings: CrossingChoice[], photoCount: number): string {
  const c = crossings.find((x) => x.id === o.crossingId);
  const when = new Date(String(o.observedAt)).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  return `${c?.name ?? String(o.crossingId)}: ${String(o.value)} ${METRIC_WORDS[String(o.metric)] ?? String(o.metric)}, ${when}` +
    (photoCount ? `, ${photoCount} photo${photoCount === 1 ? '' : 's'}` : '');
}

const STATUS_WORDS: Record<SentItem['status'], string> = { pending: 'Waiting for review', approved: 'Approved', rejected: 'Rejected' };

function section(id: string, title: string, count: number, empty: string, items: HTMLElement[]) {
  return el('section', { className: `upload-list ${id}`, 'aria-labelledby': `${id}-heading` },
    el('h2', { id: `${id}-heading` }, `${title} (${count})`),
    items.length ? el('ul', {}, ...items) : el('p', { className: 'empty' }, empty));
}

/**
 * The three lists an observer needs: what waits on this phone (edit or delete before it goes), what the server
 * refused and why, and what was sent with the reviewer's verdict.
 */
export function uploadLists(
  queue: QueueItem[], sent: SentItem[], crossings: CrossingChoice[], me: { id: string } | null, actions: ListActions,
): HTMLElement[] {
  const mine = (i: QueueItem) => ownedBy(me, i);
  const waiting = queue.filter((i) => i.state !== 'failed');
  const refused = queue.filter((i) => i.state === 'failed');
  const buttons = (item: QueueItem, label: string) => {
    const edit = el('button', { type: 'button' }, 'Edit');
    edit.setAttribute('aria-label', `Edit: ${label}`);
    edit.addEventListener('click', () => actions.edit(item));
    const del = el('button', { type: 'button' }, 'Delete');
    del.setAttribute('aria-label', `Delete: ${label}`);
    del.addEventListener('click', () => {
      if (confirm(`Delete this observation from the phone? It has not reached the server.\n\n${label}`)) void actions.remove(item);
    });
    if (item.id === actions.sendingId) return el('small', {}, 'Sending now…');
    return mine(item) ? el('span', { className: 'item-actions' }, edit, del) : null;
  };
  const waitingItems = waiting.map((item) => {
    const label = describeObservation(item.observation, crossings, item.photos.length);
    const state = !mine(item) ? (item.savedBy ? `Saved by ${item.savedBy.displayName}: sent when they sign in on this phone` : 'Sent when an observer signs in')
      : item.state === 'signin' ? 'Sign in to send'
      : item.lastError ? `Will retry (${item.lastError})` : 'Waiting to send';
    return el('li', { className: `queue-item ${item.state}`, 'data-id': item.id }, el('span', {}, label), el('small', {}, state), buttons(item, label));
  });
  const refusedItems = refused.map((item) => {
    const label = describeObservation(item.observation, crossings, item.photos.length);
    return el('li', { className: 'queue-item failed', 'data-id': item.id }, el('span', {}, label),
      el('small', {}, `Refused: ${item.lastError ?? 'no reason given'}. Edit it to fix and send again, or delete it.`), buttons(item, label));
  });
  const sentItems = sent.map((item) => el('li', { className: `sent-item ${item.status}`, 'data-id': item.id },
    el('span', {}, describeObservation(item.observation, crossings, item.photoCount)),
    el('small', { className: 'review-status' },
      el('strong', {}, STATUS_WORDS[item.status]),
      item.status === 'rejected' ? `: ${item.reviewReason ?? 'no reason given'}` : '',
      el('span', { className: 'checked-at' }, item.checkedAt ? ` · checked ${new Date(item.checkedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ' · sent, not checked yet'))));
  return [
    section('waiting', 'Waiting to send', waiting.length, 'Nothing waits on this phone.', waitingItems),
    ...(refused.length ? [section('refused', 'Refused by the server', refused.length, '', refusedItems)] : []),
    section('sent', 'Sent', sent.length, 'Nothing sent from this phone yet.', sentItems),
  ];
}
