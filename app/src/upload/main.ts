// The upload app: observations are saved on the device first (IndexedDB) with their UUID,
// then sent, retried with backoff until the server confirms. Resending is always safe.
import { api } from '../api.js';
import { el } from '../ui/dom.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import { queueStore, type QueueItem } from './queue-store.js';
import { resizePhoto } from './resize-photo.js';
import { retryDelaySeconds, sendItem } from './send-queue.js';
import { uploadForm, type CrossingChoice } from './upload-form.js';
import './upload.css';

const CROSSINGS_KEY = 'landport-crossings';
const queueRoot = document.getElementById('queue')!;
const formArea = document.getElementById('form-area')!;
const who = document.getElementById('who')!;
let crossings: CrossingChoice[] = [];
let flushing = false;

async function loadCrossings(): Promise<CrossingChoice[]> {
  try {
    const fc = await api.crossings();
    const list = fc.features.map((f) => ({
      id: f.properties.id, name: f.properties.names.en, countries: f.properties.countries,
      lat: f.geometry?.coordinates[1] ?? null, lon: f.geometry?.coordinates[0] ?? null,
    }));
    localStorage.setItem(CROSSINGS_KEY, JSON.stringify(list));
    return list;
  } catch {
    // Offline: the list saved on the last visit.
    return JSON.parse(localStorage.getItem(CROSSINGS_KEY) ?? '[]') as CrossingChoice[];
  }
}

function describe(item: QueueItem): string {
  const c = crossings.find((x) => x.id === item.observation.crossingId);
  return `${c?.name ?? item.observation.crossingId}: ${String(item.observation.metric).replaceAll('_', ' ')} ${item.observation.value}` +
    ` at ${new Date(String(item.observation.observedAt)).toLocaleString()}${item.photos.length ? `, ${item.photos.length} photo(s)` : ''}`;
}

let renderGeneration = 0;

async function renderQueue() {
  // Saves and sends render concurrently; a slower, older read must not overwrite a newer one.
  const generation = ++renderGeneration;
  const items = await queueStore.list();
  if (generation !== renderGeneration) return;
  const waiting = items.filter((i) => i.state !== 'failed');
  const failed = items.filter((i) => i.state === 'failed');
  const summary = items.length === 0 ? 'Everything has been sent.' :
    [waiting.length ? `${waiting.length} waiting to send` : '', failed.length ? `${failed.length} refused by the server` : ''].filter(Boolean).join(', ') + '.';
  queueRoot.replaceChildren(
    el('p', { id: 'queue-summary', role: 'status' }, summary),
    el('ul', { className: 'queue-items' }, ...items.map((item) => {
      const li = el('li', { className: `queue-item ${item.state}` },
        el('span', {}, describe(item)),
        el('small', {}, item.state === 'failed' ? `Refused: ${item.lastError}` :
          item.state === 'signin' ? 'Sign in to send' :
          item.lastError ? `Will retry (${item.lastError})` : 'Waiting to send'));
      if (item.state === 'failed') {
        const remove = el('button', { type: 'button' }, 'Remove');
        remove.addEventListener('click', async () => {
          await queueStore.remove(item.id);
          await renderQueue();
        });
        li.append(remove);
      }
      return li;
    })),
  );
}

/** Sends what is due, one at a time, oldest first. `force` ignores the backoff (back online, just saved). */
async function flush(force = false) {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of await queueStore.list()) {
      if (item.state === 'failed' || (!force && item.nextAttemptAt > Date.now())) continue;
      const outcome = await sendItem(item);
      if (outcome.kind === 'sent') await queueStore.remove(item.id);
      else {
        const attempts = item.attempts + 1;
        await queueStore.put({
          ...item,
          attempts,
          state: outcome.kind === 'failed' ? 'failed' : outcome.kind === 'signin' ? 'signin' : 'waiting',
          lastError: outcome.reason,
          nextAttemptAt: Date.now() + retryDelaySeconds(attempts) * 1000,
        });
        if (outcome.kind === 'retry' || outcome.kind === 'signin') break; // the network or the session is down: stop for now
      }
      await renderQueue();
    }
  } finally {
    flushing = false;
    await renderQueue();
  }
}

async function save(observation: Record<string, unknown>, files: File[], shareLocation: boolean) {
  const resized = await Promise.all(files.map((f) => resizePhoto(f, shareLocation)));
  await queueStore.put({
    id: crypto.randomUUID(),
    observation,
    photos: resized.map((r) => r.blob),
    photoLocations: resized.map((r) => r.location),
    shareLocation,
    createdAt: new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    state: 'waiting',
    lastError: null,
  });
  await renderQueue();
  void flush(true);
}

function showForm(me: NonNullable<Me>) {
  localStorage.setItem(ME_KEY, JSON.stringify(me));
  who.textContent = `Signed in as ${me.displayName} (${me.role})`;
  formArea.replaceChildren(uploadForm(crossings, (r) => save(r.observation, r.files, r.shareLocation)));
  // Items saved while signed out can go now.
  void queueStore.list().then(async (items) => {
    for (const i of items.filter((x) => x.state === 'signin')) await queueStore.put({ ...i, state: 'waiting', nextAttemptAt: 0 });
    void flush(true);
  });
}

const ME_KEY = 'landport-me';

/** The signed-in user; offline, the one last seen, since the queue lets them work until the network returns. */
async function whoAmI(): Promise<Me> {
  try {
    const me = await fetchMe();
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
    return me;
  } catch {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null') as Me;
  }
}

async function start() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/upload/' }).catch(() => {});
  crossings = await loadCrossings();
  await renderQueue();
  const me = await whoAmI();
  if (me) showForm(me);
  else if (navigator.onLine) formArea.replaceChildren(loginForm(showForm));
  else formArea.replaceChildren(el('p', {}, 'Offline and not signed in: sign in once online.'));
  window.addEventListener('online', () => void flush(true));
  setInterval(() => void flush(), 5000);
  void flush(true);
}

void start();
