// Saved embeds: analysts and admins see every view published as an embed, edit its words, copy its code and
// unpublish it. Everything it shows comes from GET /api/views; text is always set as text.
import { api, ApiError } from '../api.js';
import { el } from '../ui/dom.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import { embedList } from './embed-list.js';
import { listSavedEmbeds, unpublishSavedEmbed } from './saved-embeds-api.js';
import { accountBar } from '../ui/account-bar.js';
import { confirmUnpublish } from './unpublish-dialog.js';
import './embeds.css';

const area = document.getElementById('embeds-area')!;
const who = document.getElementById('who')!;
const pageStatus = document.getElementById('page-status')!;

const manages = (me: NonNullable<Me>) => me.role === 'analyst' || me.role === 'admin';

function announce(message: string) {
  pageStatus.textContent = '';
  requestAnimationFrame(() => (pageStatus.textContent = message));
}

function showWho(me: NonNullable<Me>) {
  who.replaceChildren(accountBar(me, { onSignedOut: () => showSignIn() }));
}

function showSignIn(note = 'Sign in as an analyst or admin to manage the embeds saved from the map.') {
  who.replaceChildren();
  area.replaceChildren(el('p', {}, note), loginForm(signedIn));
}

function showError(what: string, err: unknown, retry: () => void) {
  const again = el('button', { type: 'button' }, 'Retry');
  again.addEventListener('click', retry);
  area.replaceChildren(el('div', { className: 'load-error', role: 'alert' }, el('p', {}, `Could not load ${what}: ${(err as Error).message}`), again));
  again.focus();
}

/** Crossing names for "what the view shows"; without them the list still works and shows the ids. */
async function crossingNames(): Promise<(id: string) => string | null> {
  const crossings = await api.crossings().catch(() => null);
  const names = new Map((crossings?.features ?? []).map((f) => [f.properties.id, f.properties.names.en]));
  return (id) => names.get(id) ?? null;
}

async function loadList() {
  area.setAttribute('aria-busy', 'true');
  area.replaceChildren(el('p', { className: 'loading', role: 'status' }, 'Loading the saved embeds…'));
  try {
    const [items, crossingName] = await Promise.all([listSavedEmbeds(), crossingNames()]);
    area.replaceChildren(embedList(items, {
      crossingName,
      announce,
      confirmUnpublish,
      unpublish: (item) => unpublishSavedEmbed(item.id).then(() => undefined),
    }));
  } catch (err) {
    // The session may have ended (expired, signed out in another tab): sign in again rather than retry.
    if (err instanceof ApiError && err.status === 401) return showSignIn('Your session has ended: sign in again.');
    showError('the saved embeds', err, () => void loadList());
  } finally {
    area.removeAttribute('aria-busy');
  }
}

function signedIn(me: NonNullable<Me>) {
  showWho(me);
  if (!manages(me)) {
    area.replaceChildren(el('p', { className: 'not-allowed' },
      `Only analysts and admins manage embeds. You are signed in as ${me.displayName}, an ${me.role}. `,
      el('a', { href: '/' }, 'Back to the map')));
    return;
  }
  void loadList();
}

async function start() {
  area.replaceChildren(el('p', { className: 'loading', role: 'status' }, 'Loading…'));
  try {
    const me = await fetchMe();
    if (me) signedIn(me);
    else showSignIn();
  } catch (err) {
    showError('your account', err, () => void start());
  }
}

void start();
