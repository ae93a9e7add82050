// The review queue: two panes, the queue (filters, bulk decisions, paging) and the selected submission in full
// (photos, position map, duplicates, history, decision). Keys: j/k next/previous, a approve, r reject, x select.
import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import { api, ApiError } from '../api.js';
import { accountBar } from '../ui/account-bar.js';
import { el } from '../ui/dom.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import { decide, fetchHistory, fetchQueue, type QueueFilters, type QueuePage } from './review-api.js';
import { reviewDetail } from './review-detail.js';
import { reviewFilters } from './review-filters.js';
import { reviewCard } from './review-list.js';
import { importPanel } from './import-panel.js';
import '../ui/account.css';
import './review.css';

const queueArea = document.getElementById('queue-area')!;
const detail = document.getElementById('detail')!;
const who = document.getElementById('who')!;
const tools = document.getElementById('review-tools')!;
const selected = new Set<string>();
let items: ReviewQueueItem[] = [];
let page: QueuePage | null = null;
let filters: QueueFilters & { age?: string } = {};
let currentId: string | null = null;
/** Items per page, and the most one request may return (the server's limit). */
const PAGE_SIZE = 50;
const MAX_PAGE = 200;
const mapSlot = el('div', { id: 'review-map', className: 'review-map', role: 'region', 'aria-label': 'Position of the selected submission' });
let positionMapPromise: ReturnType<typeof import('../map/position-map.js')['positionMap']> | null = null;

const message = el('p', { id: 'review-message', role: 'status' });
const say = (text: string) => (message.textContent = text);

function positionMap() {
  // MapLibre loads with the first submission opened, not with the queue.
  positionMapPromise ??= import('../map/position-map.js').then(async ({ positionMap: make }) => {
    const fc = await api.crossings().catch(() => null);
    const crossings = (fc?.features ?? []).flatMap((f) => (f.geometry ? [{ id: f.properties.id, name: f.properties.names.en, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }] : []));
    return make(mapSlot, crossings);
  });
  return positionMapPromise;
}

async function openItem(id: string, focus = true): Promise<boolean> {
  const item = items.find((i) => i.id === id);
  if (!item) return false;
  currentId = id;
  for (const card of queueArea.querySelectorAll<HTMLElement>('article.review-card')) card.classList.toggle('current', card.dataset.id === id);
  queueArea.querySelector<HTMLElement>(`article[data-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  const actions = {
    approve: (i: ReviewQueueItem) => void decideItems([i.id], 'approve'),
    reject: (i: ReviewQueueItem, reason: string) => void decideItems([i.id], 'reject', reason),
    open: (other: string) => {
      if (!items.some((i) => i.id === other)) return false;
      void openItem(other);
      return true;
    },
    mapSlot,
    duplicateWindowMinutes: page?.duplicateWindowMinutes ?? 120,
  };
  detail.replaceChildren(reviewDetail(item, null, actions));
  if (focus) detail.querySelector<HTMLElement>('#detail-heading')?.focus();
  void positionMap().then((m) => {
    m.map.resize();
    m.show(item.observer ? { lat: item.observer.lat, lon: item.observer.lon, accuracyM: item.observer.accuracyM } : null,
      item.crossing.lat !== null && item.crossing.lon !== null ? { lat: item.crossing.lat, lon: item.crossing.lon, name: item.crossing.name } : null);
  }).catch(() => mapSlot.replaceChildren(el('p', { className: 'muted' }, 'The map could not be drawn.')));
  const history = await fetchHistory(id).catch(() => []);
  if (currentId === id) {
    const heading = detail.querySelector('#detail-heading');
    const hadFocus = document.activeElement === heading;
    detail.replaceChildren(reviewDetail(item, history, actions));
    if (hadFocus) detail.querySelector<HTMLElement>('#detail-heading')?.focus();
  }
  return true;
}

async function decideItems(ids: string[], action: 'approve' | 'reject', reason = '') {
  if (ids.length === 0) return say('Select at least one submission.');
  if (action === 'reject' && !reason.trim()) {
    say('Give a reason to reject.');
    (detail.querySelector<HTMLInputElement>('#detail-reason') && ids.length === 1 && ids[0] === currentId
      ? detail.querySelector<HTMLInputElement>('#detail-reason')
      : queueArea.querySelector<HTMLInputElement>('#reject-reason'))?.focus();
    return;
  }
  // The next item to show: the one after the last decided, in queue order.
  const lastIndex = Math.max(...ids.map((id) => items.findIndex((i) => i.id === id)));
  const next = items.slice(lastIndex + 1).find((i) => !ids.includes(i.id)) ?? items.slice(0, lastIndex).reverse().find((i) => !ids.includes(i.id));
  try {
    const res = await decide(ids, action, reason.trim() || undefined);
    const done = res.results.filter((r) => r.status === 'approved' || r.status === 'rejected').length;
    ids.forEach((id) => selected.delete(id));
    await loadQueue(`${done} ${action === 'approve' ? 'approved' : 'rejected'}.`, next?.id ?? null);
  } catch (err) {
    say(err instanceof ApiError ? err.message : 'Could not reach the server; nothing was decided.');
  }
}

function renderQueue(note: string, focusId: string | null = null) {
  const reason = el('input', { type: 'text', id: 'reject-reason', placeholder: 'Reason (required to reject)', maxlength: 1000 });
  const approve = el('button', { type: 'button', className: 'approve' }, 'Approve selected');
  const reject = el('button', { type: 'button', className: 'reject' }, 'Reject selected');
  approve.addEventListener('click', () => void decideItems([...selected], 'approve'));
  reject.addEventListener('click', () => void decideItems([...selected], 'reject', reason.value));
  const selectAll = el('button', { type: 'button' }, 'Select all shown');
  selectAll.addEventListener('click', () => {
    items.forEach((i) => selected.add(i.id));
    queueArea.querySelectorAll<HTMLInputElement>('article input[type=checkbox]').forEach((c) => (c.checked = true));
  });
  const more = page?.nextCursor ? el('button', { type: 'button', className: 'load-more' }, `Show ${Math.min(PAGE_SIZE, page.total - items.length)} more (${page.total - items.length} not shown)`) : null;
  more?.addEventListener('click', () => {
    more.disabled = true;
    void loadMore().finally(() => (more.disabled = false));
  });
  const total = page?.total ?? 0;
  queueArea.replaceChildren(
    el('div', { className: 'queue-head' },
      el('h2', {}, `${total} pending${items.length < total ? ` (${items.length} shown)` : ''}`),
      el('p', { className: 'shortcuts' }, 'Keys: ', el('kbd', {}, 'j'), '/', el('kbd', {}, 'k'), ' next/previous · ', el('kbd', {}, 'a'), ' approve · ', el('kbd', {}, 'r'), ' reject · ', el('kbd', {}, 'x'), ' select')),
    reviewFilters(page?.facets ?? { crossings: [], observers: [] }, filters, (f) => {
      // What is selected and no longer shown must not be decided by "Approve selected".
      selected.clear();
      filters = f;
      void loadQueue('', null, (document.activeElement as HTMLElement | null)?.id ?? null);
    }),
    el('div', { className: 'actions' }, selectAll, approve, el('label', { for: 'reject-reason', className: 'sr-only' }, 'Reason to reject the selected'), reason, reject),
    message,
    el('div', { className: 'queue-list' }, ...(items.length
      ? items.map((i) => reviewCard(i, selected, (id) => void openItem(id), page?.duplicateWindowMinutes ?? 120))
      : [el('p', { className: 'empty' }, Object.values(filters).some(Boolean) ? 'Nothing pending matches these filters.' : 'Nothing waits for review.')])),
  );
  if (more) queueArea.append(more);
  // Set once the status element is in the page, so a screen reader announces it.
  requestAnimationFrame(() => say(note));
  if (focusId) document.getElementById(focusId)?.focus();
  if (currentId && !items.some((i) => i.id === currentId)) currentId = null;
  if (!currentId) detail.replaceChildren(el('p', { className: 'muted detail-empty' }, items.length ? 'Choose a submission (or press j) to see it in full.' : 'Nothing to review.'));
}

let loadGeneration = 0;

/**
 * Reads the queue again from its start, as many items as were shown (a decision on page 2 keeps the reviewer's
 * place). A newer load wins over an older one still in flight (quick filter changes).
 */
async function loadQueue(note = '', openId: string | null = null, focusId: string | null = null) {
  const generation = ++loadGeneration;
  queueArea.setAttribute('aria-busy', 'true');
  try {
    const { age: _age, ...query } = filters;
    const fetched = await fetchQueue(query, null, Math.min(MAX_PAGE, Math.max(PAGE_SIZE, items.length)));
    if (generation !== loadGeneration) return;
    page = fetched;
    items = page.items;
    for (const id of [...selected]) if (!items.some((i) => i.id === id)) selected.delete(id);
    renderQueue(note, focusId);
    const target = openId && items.some((i) => i.id === openId) ? openId : currentId && items.some((i) => i.id === currentId) ? currentId : null;
    if (target) await openItem(target, openId !== null);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showSignIn('Your session has ended: sign in again.');
    queueArea.replaceChildren(el('p', { role: 'alert' }, `Could not load the queue: ${(err as Error).message}`));
  } finally {
    if (generation === loadGeneration) queueArea.removeAttribute('aria-busy');
  }
}

async function loadMore() {
  if (!page?.nextCursor) return;
  const generation = loadGeneration;
  const { age: _age, ...query } = filters;
  try {
    const next = await fetchQueue(query, page.nextCursor);
    if (generation !== loadGeneration) return;
    const firstNew = next.items[0]?.id;
    const known = new Set(items.map((i) => i.id));
    items = [...items, ...next.items.filter((i) => !known.has(i.id))];
    page = { ...next, items };
    renderQueue('');
    if (firstNew) queueArea.querySelector<HTMLElement>(`article[data-id="${firstNew}"] .card-open`)?.focus();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showSignIn('Your session has ended: sign in again.');
    say(`Could not load more: ${(err as Error).message}`);
  }
}

/** j/k/a/r/x anywhere but in a text field: a reviewer works through the queue without the mouse. */
function onKey(e: KeyboardEvent) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable]')) return;
  const index = currentId ? items.findIndex((i) => i.id === currentId) : -1;
  const current = index >= 0 ? items[index] : null;
  switch (e.key) {
    case 'j':
      if (items[index + 1]) void openItem(items[index + 1].id);
      break;
    case 'k':
      if (index > 0) void openItem(items[index - 1].id);
      break;
    case 'a':
      if (current) void decideItems([current.id], 'approve');
      break;
    case 'r':
      if (current) {
        const reason = detail.querySelector<HTMLInputElement>('#detail-reason');
        if (reason?.value.trim()) void decideItems([current.id], 'reject', reason.value);
        else reason?.focus();
      }
      break;
    case 'x': {
      if (!current) break;
      const box = queueArea.querySelector<HTMLInputElement>(`#pick-${current.id}`);
      if (box) {
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change'));
      }
      break;
    }
    default:
      return;
  }
  e.preventDefault();
}

function showSignIn(note?: string) {
  who.replaceChildren();
  tools.replaceChildren();
  detail.replaceChildren();
  queueArea.replaceChildren(...(note ? [el('p', {}, note)] : []), loginForm(signedIn, { heading: 'Sign in to review' }));
}

function signedIn(me: NonNullable<Me>) {
  who.replaceChildren(accountBar(me, { onSignedOut: () => showSignIn() }));
  if (me.role !== 'analyst' && me.role !== 'admin') {
    queueArea.replaceChildren(el('p', {}, `Signed in as ${me.displayName}, an ${me.role}: reviewing needs an analyst account.`));
    return;
  }
  tools.replaceChildren(importPanel(() => void loadQueue('Imported rows are in the queue.')));
  queueArea.replaceChildren(el('p', { role: 'status' }, 'Loading the queue…'));
  void loadQueue();
}

document.addEventListener('keydown', onKey);
const me = await fetchMe().catch(() => null);
if (me) signedIn(me);
else showSignIn();
