// The review queue: analysts approve or reject pending submissions, one or many at once.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { createMap } from '../map/create-map.js';
import { offlineBasemapStyle } from '../map/basemap-style.js';
import { DEFAULT_VIEW } from '../view-state.js';
import { el } from '../ui/dom.js';
import { requestJson } from '../api.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import { reviewCard } from './review-list.js';
import { importPanel } from './import-panel.js';
import './review.css';

const queueArea = document.getElementById('queue-area')!;
const detail = document.getElementById('detail')!;
const who = document.getElementById('who')!;
const selected = new Set<string>();
let items: ReviewQueueItem[] = [];
let map: MapLibreMap | null = null;

/** The review app's calls, through the one API client (app/src/api.ts). */
function api<T>(path: string, init?: { method?: string; body?: string }): Promise<T> {
  return requestJson<T>(path, { method: init?.method, body: init?.body === undefined ? undefined : JSON.parse(init.body) });
}

async function showDetail(id: string) {
  const item = items.find((i) => i.id === id);
  if (!item) return;
  const points: GeoJSON.Feature[] = [];
  if (item.crossing.lat !== null && item.crossing.lon !== null) {
    points.push({ type: 'Feature', properties: { kind: 'crossing' }, geometry: { type: 'Point', coordinates: [item.crossing.lon, item.crossing.lat] } });
  }
  if (item.observer) points.push({ type: 'Feature', properties: { kind: 'observer' }, geometry: { type: 'Point', coordinates: [item.observer.lon, item.observer.lat] } });
  (map?.getSource('review-points') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: points });
  const first = points[0]?.geometry as GeoJSON.Point | undefined;
  if (first) map?.jumpTo({ center: first.coordinates as [number, number], zoom: 11 });
  const audit = await api<{ items: { at: string; actor: string; action: string; reason: string | null; importFileName: string | null }[] }>(`/api/observations/${id}/audit`).catch(() => ({ items: [] }));
  detail.replaceChildren(
    el('h2', {}, item.crossing.name),
    el('p', {}, item.observer ? 'Blue: the crossing. Orange: where the observer stood.' : 'No observer position was sent.'),
    el('h3', {}, 'History'),
    el('ol', { className: 'audit' }, ...audit.items.map((e) => el('li', {}, `${e.at.slice(0, 16).replace('T', ' ')} ${e.action} by ${e.actor}${e.importFileName ? ` (import of ${e.importFileName})` : ''}${e.reason ? ` — ${e.reason}` : ''}`))),
    el('p', {}, item.likelyDuplicates.length ? `Likely duplicates: ${item.likelyDuplicates.join(', ')}` : 'No likely duplicates.'),
  );
}

async function decide(action: 'approve' | 'reject', reason: string, message: HTMLElement) {
  if (selected.size === 0) return void (message.textContent = 'Select at least one submission.');
  if (action === 'reject' && !reason.trim()) return void (message.textContent = 'Give a reason to reject.');
  try {
    const res = await api<{ results: { id: string; status: string }[] }>('/api/review/decisions', {
      method: 'POST', body: JSON.stringify({ ids: [...selected], action, ...(reason.trim() && { reason: reason.trim() }) }),
    });
    message.textContent = `${res.results.length} ${action === 'approve' ? 'approved' : 'rejected'}.`;
    selected.clear();
    await loadQueue(message.textContent);
  } catch (err) {
    message.textContent = (err as Error).message;
  }
}

async function loadQueue(note = '') {
  const res = await api<{ items: ReviewQueueItem[] }>('/api/review/queue?limit=200');
  items = res.items;
  const reason = el('input', { type: 'text', id: 'reject-reason', placeholder: 'Reason (required to reject)', maxlength: 1000 });
  const message = el('p', { id: 'review-message', role: 'status' }, note);
  const approve = el('button', { type: 'button', className: 'approve' }, 'Approve selected');
  const reject = el('button', { type: 'button', className: 'reject' }, 'Reject selected');
  approve.addEventListener('click', () => void decide('approve', '', message));
  reject.addEventListener('click', () => void decide('reject', reason.value, message));
  const selectAll = el('button', { type: 'button' }, 'Select all');
  selectAll.addEventListener('click', () => {
    items.forEach((i) => selected.add(i.id));
    queueArea.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((c) => (c.checked = true));
  });
  queueArea.replaceChildren(
    el('div', { className: 'actions' }, el('h2', {}, `${items.length} pending`), selectAll, approve, el('label', { for: 'reject-reason', className: 'sr-only' }, 'Reason to reject'), reason, reject),
    message,
    ...(items.length ? items.map((i) => reviewCard(i, selected, (id) => void showDetail(id))) : [el('p', {}, 'Nothing waits for review.')]),
  );
}

async function startMap() {
  map = createMap(document.getElementById('review-map')!, await offlineBasemapStyle(), { ...DEFAULT_VIEW, camera: { zoom: 5, lat: 41.3, lng: 127.2 } });
  map.on('load', () => {
    map!.addSource('review-points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map!.addLayer({
      id: 'review-points', type: 'circle', source: 'review-points',
      paint: { 'circle-radius': 7, 'circle-color': ['match', ['get', 'kind'], 'crossing', '#1f78b4', '#ff7f00'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    });
  });
}

function signedIn(me: NonNullable<Me>) {
  if (me.role !== 'analyst' && me.role !== 'admin') {
    queueArea.replaceChildren(el('p', {}, `Signed in as ${me.displayName}, an ${me.role}: reviewing needs an analyst account.`));
    return;
  }
  who.textContent = `Signed in as ${me.displayName} (${me.role})`;
  queueArea.before(importPanel());
  void startMap();
  void loadQueue();
}

const me = await fetchMe().catch(() => null);
if (me) signedIn(me);
else queueArea.replaceChildren(loginForm(signedIn));
