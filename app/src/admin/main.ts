// The admin area: accounts (create, role, disable, reset password), device tokens (create with a QR code that
// signs a phone in, revoke, last used) and webhooks (register, test, pause, the delivery log). Everything shown is set as text.
import { ApiError } from '../api.js';
import { accountBar } from '../ui/account-bar.js';
import { el } from '../ui/dom.js';
import { fetchMe, loginForm, type Me } from '../ui/login-form.js';
import { listTokens, listUsers } from './admin-api.js';
import { devicesSection } from './devices-section.js';
import { usersSection } from './users-section.js';
import { listWebhooks } from './webhooks-api.js';
import { webhooksSection } from './webhooks-section.js';
import './admin.css';

const area = document.getElementById('admin-area')!;
const who = document.getElementById('who')!;
const pageStatus = document.getElementById('page-status')!;

function announce(message: string) {
  pageStatus.textContent = '';
  requestAnimationFrame(() => (pageStatus.textContent = message));
}

function showSignIn(note?: string) {
  who.replaceChildren();
  area.replaceChildren(...(note ? [el('p', {}, note)] : []), loginForm(signedIn, { heading: 'Sign in as an admin' }));
}

async function load(me: NonNullable<Me>, justMade?: HTMLElement) {
  // A new token's or webhook's card stays on screen across reloads (until the page is left: it cannot be shown again).
  const madeHook = justMade?.classList.contains('new-webhook');
  const keepToken = (madeHook ? null : justMade) ?? area.querySelector<HTMLElement>('.new-token:not(.new-webhook)');
  const keepHook = (madeHook ? justMade : null) ?? area.querySelector<HTMLElement>('.new-webhook');
  area.setAttribute('aria-busy', 'true');
  try {
    const [users, tokens, hooks] = await Promise.all([listUsers(), listTokens(), listWebhooks()]);
    const ctx = { announce, reload: (card?: HTMLElement) => load(me, card), meId: me.id };
    area.replaceChildren(usersSection(users, ctx), devicesSection(tokens, users, ctx, keepToken), webhooksSection(hooks, ctx, keepHook ?? null));
    // A new token's card takes the focus: it is what the admin must act on (scan it now).
    if (justMade) justMade.focus();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showSignIn('Your session has ended: sign in again.');
    area.replaceChildren(el('p', { role: 'alert' }, `Could not load the accounts: ${(err as Error).message}`));
  } finally {
    area.removeAttribute('aria-busy');
  }
}

function signedIn(me: NonNullable<Me>) {
  who.replaceChildren(accountBar(me, { onSignedOut: () => showSignIn() }));
  if (me.role !== 'admin') {
    area.replaceChildren(el('p', {}, `Only admins manage accounts. You are signed in as ${me.displayName}, an ${me.role}. `,
      el('a', { href: '/review/' }, 'Go to the review queue')));
    return;
  }
  area.replaceChildren(el('p', { role: 'status' }, 'Loading the accounts…'));
  void load(me);
}

const me = await fetchMe().catch(() => null);
if (me) signedIn(me);
else showSignIn();
