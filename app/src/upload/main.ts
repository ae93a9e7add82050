// The upload app: observations are saved on the phone first (IndexedDB) with their UUID, then sent, retried with
// backoff until the server confirms. Resending is always safe. A phone is often shared and often offline: every
// item remembers who saved it, the header says who is signed in and whether the phone is online, and the sent
// list shows what reviewers made of each observation.
import { api, ApiError } from '../api.js';
import { accountBar, SIGN_OUT_PENDING } from '../ui/account-bar.js';
import { el } from '../ui/dom.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import { clearDraft, loadDraft, saveDraft } from './draft.js';
import type { Position } from './position-field.js';
import { ownedBy, queueStore, SENT_KEPT, sentStore } from './queue-store.js';
import { resizePhoto } from './resize-photo.js';
import { retryDelaySeconds, sendItem } from './send-queue.js';
import { uploadForm, type CrossingChoice, type FormResult, type UploadFormHandle } from './upload-form.js';
import { uploadLists } from './upload-lists.js';
import './upload.css';

const CROSSINGS_KEY = 'landport-crossings';
const ME_KEY = 'landport-me';
const DEVICE_TOKEN_KEY = 'landport-device-token';
const summary = document.getElementById('queue-summary')!;
const listsRoot = document.getElementById('lists')!;
const formArea = document.getElementById('form-area')!;
const who = document.getElementById('who')!;
const network = document.getElementById('network-state')!;
let crossings: CrossingChoice[] = [];
let me: Me = null;
let handle: UploadFormHandle | null = null;
let flushing = false;
/** The item on its way to the server: the lists offer no Edit or Delete for it until the answer is in. */
let sendingId: string | null = null;
let lastSummary = '';

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

function showNetwork() {
  const online = navigator.onLine;
  network.textContent = online ? 'Online' : 'Offline: observations are saved on this phone and sent when it is back online';
  network.className = `network-state ${online ? 'online' : 'offline'}`;
}

let renderGeneration = 0;

async function render() {
  // Saves and sends render concurrently; a slower, older read must not overwrite a newer one.
  const generation = ++renderGeneration;
  const [items, sent] = await Promise.all([queueStore.list(), sentStore.list()]);
  if (generation !== renderGeneration) return;
  const waiting = items.filter((i) => i.state !== 'failed');
  const failed = items.filter((i) => i.state === 'failed');
  const text = items.length === 0 ? 'Everything has been sent.' :
    [waiting.length ? `${waiting.length} waiting to send` : '', failed.length ? `${failed.length} refused by the server` : ''].filter(Boolean).join(', ') + '.';
  // A verdict the observer has not seen is worth a line at the top: the lists are below a long form on a phone.
  const mySent = sent.filter((x) => ownedBy(me, x));
  const rejected = mySent.filter((x) => x.status === 'rejected').length;
  // The status line is rewritten only when it changes, so a screen reader does not hear it again every 5 s.
  if (`${text}|${rejected}` !== lastSummary) {
    lastSummary = `${text}|${rejected}`;
    summary.textContent = text;
    if (rejected) summary.append(' ', el('a', { href: '#sent-heading' }, `${rejected} rejected by a reviewer: see why`));
  }
  // Rebuilt lists keep the focus where it was (an Edit button, by the item's id).
  const focused = document.activeElement instanceof HTMLElement && listsRoot.contains(document.activeElement)
    ? { id: document.activeElement.closest<HTMLElement>('[data-id]')?.dataset.id, label: document.activeElement.textContent } : null;
  listsRoot.replaceChildren(...uploadLists(items, mySent, crossings, me, {
    sendingId,
    edit: (item) => {
      handle?.edit(item);
      handle?.form.scrollIntoView({ block: 'start' });
    },
    remove: async (item) => {
      await queueStore.remove(item.id);
      if (handle) handle.confirmation.textContent = 'Deleted from this phone.';
      await render();
    },
  }));
  if (focused?.id) {
    const again = [...listsRoot.querySelectorAll<HTMLElement>(`[data-id="${focused.id}"] button`)].find((b) => b.textContent === focused.label);
    again?.focus();
  }
}

/** What the last save or send means, where the observer is looking (under the button they pressed). */
function tell(text: string) {
  if (handle) handle.confirmation.textContent = text;
}

/** Sends what is due and this observer's, one at a time, oldest first. `force` ignores the backoff. */
async function flush(force = false) {
  if (flushing || !me) return;
  flushing = true;
  let sentNow = 0;
  let attempted = 0;
  try {
    for (const queued of await queueStore.list()) {
      if (!me) break;
      if (queued.state === 'failed' || (!force && queued.nextAttemptAt > Date.now()) || !ownedBy(me, queued)) continue;
      sendingId = queued.id;
      attempted++;
      await render();
      const outcome = await sendItem(queued);
      sendingId = null;
      // Read again: nothing may have changed it meanwhile (Edit and Delete are withheld while it is sent), but a
      // stale copy must never be written back over what the phone holds now.
      const item = (await queueStore.get(queued.id)) ?? queued;
      const owner = item.savedBy ?? { id: me.id, displayName: me.displayName };
      if (outcome.kind === 'sent') {
        await queueStore.markSent({ ...item, savedBy: owner }, 'pending');
        sentNow++;
      } else if (outcome.kind === 'failed' && outcome.status === 409 && item.editedAfterAttempt) {
        // The server kept the version sent before the edit (its answer was lost): that one is the observation.
        await queueStore.markSent({ ...item, savedBy: owner }, 'pending');
        tell('The server already had this observation as it was before your edit (an earlier send arrived). It is listed under “Sent”; ask a reviewer to correct it.');
      } else {
        const attempts = item.attempts + 1;
        await queueStore.put({
          ...item,
          attempts,
          state: outcome.kind === 'failed' ? 'failed' : outcome.kind === 'signin' ? 'signin' : 'waiting',
          lastError: outcome.reason,
          nextAttemptAt: Date.now() + retryDelaySeconds(attempts) * 1000,
        });
        if (outcome.kind === 'failed') tell(`The server refused an observation: ${outcome.reason}. It is listed under “Refused” to edit or delete.`);
        if (outcome.kind === 'signin') {
          sessionEnded();
          break;
        }
        if (outcome.kind === 'retry') break; // the network is down: stop for now
      }
      await render();
    }
  } finally {
    flushing = false;
    sendingId = null;
    if (sentNow) tell(`Sent ${sentNow === 1 ? 'the observation' : `${sentNow} observations`} to the server. A reviewer checks each; the verdict shows under “Sent”.`);
    if (attempted) await render();
  }
}

/** Asks the server what became of what this phone sent (pending, approved, rejected with the reason). */
async function refreshStatuses() {
  if (!me || !navigator.onLine) return;
  const sent = (await sentStore.list()).filter((x) => ownedBy(me, x)).slice(0, SENT_KEPT);
  if (!sent.length) return;
  try {
    const res = await api.observationsByIds(sent.map((s) => s.id));
    const now = new Date().toISOString();
    const byId = new Map(res.items.map((o) => [o.id, o]));
    for (const s of sent) {
      const o = byId.get(s.id);
      if (o) await sentStore.update(s.id, { status: o.status as 'pending' | 'approved' | 'rejected', reviewReason: o.reviewReason, checkedAt: now });
    }
    await render();
  } catch {
    // Offline or signed out: the last known statuses stay.
  }
}

async function save(r: FormResult) {
  if (!me) throw new Error('sign in first');
  const resized = await Promise.all(r.files.map((f) => resizePhoto(f, r.shareLocation)));
  const keepPhotos = r.editing && resized.length === 0;
  await queueStore.put({
    id: r.editing?.id ?? crypto.randomUUID(),
    observation: r.observation,
    photos: keepPhotos ? r.editing!.photos : resized.map((x) => x.blob),
    photoLocations: keepPhotos ? r.editing!.photoLocations : resized.map((x) => x.location),
    shareLocation: r.shareLocation,
    createdAt: r.editing?.createdAt ?? new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    state: 'waiting',
    lastError: null,
    savedBy: { id: me.id, displayName: me.displayName },
    editedAfterAttempt: r.editing ? r.editing.editedAfterAttempt || r.editing.attempts > 0 : false,
  });
  tell(navigator.onLine
    ? `Saved on this phone${r.editing ? ' (changes kept)' : ''}. Sending…`
    : 'Saved on this phone. You are offline: it is sent when the phone is back online.');
  await render();
  void flush(true);
}

/** The small map that confirms a position: MapLibre is loaded only then, and not at all offline. */
async function showMap(slot: HTMLElement, p: Position, crossing: CrossingChoice | null) {
  try {
    const { positionMap } = await import('../map/position-map.js');
    // The promise is kept, not the map: a crossing chosen while the map is still being made must not make a second.
    const holder = slot as HTMLElement & { positionMap?: ReturnType<typeof positionMap> };
    holder.positionMap ??= positionMap(slot, crossings.filter((c): c is CrossingChoice & { lat: number; lon: number } => c.lat !== null && c.lon !== null));
    (await holder.positionMap).show(p, crossing && crossing.lat !== null && crossing.lon !== null ? { lat: crossing.lat, lon: crossing.lon, name: crossing.name } : null);
  } catch {
    slot.replaceChildren(el('p', { className: 'empty' }, 'The map needs the network; the position above is attached all the same.'));
  }
}

function signedIn(user: NonNullable<Me>) {
  me = user;
  localStorage.setItem(ME_KEY, JSON.stringify(user));
  who.replaceChildren(accountBar(user, {
    beforeSignOut: async () => {
      const unsent = (await queueStore.list()).filter((i) => i.state !== 'failed' && ownedBy(user, i)).length;
      return unsent ? `${unsent} of your observations have not been sent yet. They stay on this phone and are sent when you sign in again. Sign out anyway?` : null;
    },
    onSignedOut: () => {
      clearDraft(user.id);
      signedOut();
    },
  }));
  handle = uploadForm(crossings, { onSubmit: save, draft: loadDraft(user.id), onDraft: (d) => saveDraft(user.id, d), showMap });
  formArea.replaceChildren(handle.form);
  // Items saved while signed out (or waiting for this observer) can go now.
  void queueStore.list().then(async (items) => {
    for (const i of items.filter((x) => x.state === 'signin' && ownedBy(user, x))) await queueStore.put({ ...i, state: 'waiting', nextAttemptAt: 0 });
    await render();
    void flush(true);
    void refreshStatuses();
  });
}

function signedOut(note?: string) {
  me = null;
  handle = null;
  localStorage.removeItem(ME_KEY);
  who.replaceChildren();
  formArea.replaceChildren(...(note ? [el('p', { role: 'alert' }, note)] : []),
    navigator.onLine ? loginForm(signedIn, { heading: 'Sign in to record observations' }) : el('p', {}, 'Offline and not signed in: sign in once online.'));
  void render();
}

/** The server refused the session (expired, or the device token revoked): sign in again; the draft is kept. */
function sessionEnded() {
  signedOut('Your session has ended (or this phone’s device token was revoked). What you saved stays on the phone and is sent once you sign in again.');
}

/** The signed-in user; offline, the one last seen, since the queue lets them work until the network returns. */
async function whoAmI(): Promise<Me> {
  try {
    const user = await fetchMe();
    if (!user) localStorage.removeItem(ME_KEY);
    return user;
  } catch {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null') as Me;
  }
}

/**
 * A phone that opened the link in an admin's QR code carries a device token in the address's fragment: it is
 * exchanged for a session at once and removed from the address (and history). Offline, it waits for the network.
 */
async function signInWithDeviceToken(): Promise<Me> {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('device-token');
  if (fromLink) {
    sessionStorage.setItem(DEVICE_TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem(DEVICE_TOKEN_KEY);
  if (!token) return null;
  if (!navigator.onLine) {
    formArea.replaceChildren(el('p', { role: 'alert' }, 'This phone is offline: it signs in with the QR code as soon as it is online.'));
    return null;
  }
  try {
    const user = await api.signInDevice(token);
    sessionStorage.removeItem(DEVICE_TOKEN_KEY);
    localStorage.removeItem(SIGN_OUT_PENDING);
    return user;
  } catch (err) {
    sessionStorage.removeItem(DEVICE_TOKEN_KEY);
    formArea.replaceChildren(el('p', { role: 'alert', className: 'form-error' },
      err instanceof ApiError ? err.message : 'Could not reach the server to sign in with the QR code.'));
    return null;
  }
}

async function start() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/upload/' }).catch(() => {});
  showNetwork();
  window.addEventListener('online', () => {
    showNetwork();
    void (async () => {
      // A QR code scanned offline wins over whoever was signed in before: the phone changed hands.
      const user = sessionStorage.getItem(DEVICE_TOKEN_KEY) ? await signInWithDeviceToken() : null;
      if (user) signedIn(user);
      else if (!me && !formArea.querySelector('form.login')) signedOut();
      await flush(true);
      await refreshStatuses();
    })();
  });
  window.addEventListener('offline', showNetwork);
  crossings = await loadCrossings();
  await render();
  const tokenWaiting = sessionStorage.getItem(DEVICE_TOKEN_KEY) !== null;
  // Offline with a QR code to use: nobody is signed in until it is (not the phone's previous observer).
  const user = (await signInWithDeviceToken()) ?? (tokenWaiting && !navigator.onLine ? null : await whoAmI());
  if (user) signedIn(user);
  else if (!formArea.querySelector('[role=alert]')) signedOut();
  setInterval(() => void flush(), 5000);
  setInterval(() => void refreshStatuses(), 60_000);
}

void start();
