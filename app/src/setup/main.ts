// First run: the server printed a link with a one-time token; this page creates the admin account with it and
// signs the new admin in. The token leaves the address bar at once (history, screenshots, shoulder surfers).
import type { SessionUserDto } from '../../../server/contracts/auth.js';
import { ApiError, api, requestJson } from '../api.js';
import { el } from '../ui/dom.js';
import { fieldMessages } from '../ui/field-messages.js';
import '../admin/admin.css';
import '../ui/account.css';

const area = document.getElementById('setup-area')!;
// The server prints the token in the fragment (never sent to a server, so in no log); a query works too.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? new URLSearchParams(location.search).get('token') ?? '';
if (token) history.replaceState(null, '', '/setup/');

function field(id: string, label: string, input: HTMLInputElement, hint?: string) {
  const error = el('span', { className: 'form-error', id: `${id}-error` });
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return el('div', { className: 'field' },
    el('label', { for: id }, label, input.required ? el('span', { 'aria-hidden': 'true' }, ' *') : null),
    input, hint ? el('small', { id: `${id}-hint`, className: 'muted' }, hint) : null, error);
}

function setupForm(): HTMLFormElement {
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const displayName = el('input', { type: 'text', name: 'displayName', autocomplete: 'name', required: true, maxlength: 200 });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 10, maxlength: 1000 });
  const again = el('input', { type: 'password', name: 'again', autocomplete: 'new-password', required: true });
  const message = el('p', { className: 'form-error', role: 'alert' });
  const form = el('form', { className: 'login', 'aria-label': 'Create the admin account', novalidate: true },
    el('p', {}, 'This server has no account yet. The first account is an admin: it makes the accounts of observers and analysts, and the device tokens that sign phones in.'),
    field('setup-email', 'Email', email),
    field('setup-name', 'Your name (shown beside what you review)', displayName),
    field('setup-password', 'Password', password, 'At least 10 characters'),
    field('setup-again', 'Password again', again),
    el('p', { className: 'muted' }, 'Fields marked * are required.'),
    el('button', { type: 'submit', className: 'primary' }, 'Create the admin account'),
    message);
  const show = fieldMessages(form, { email: 'setup-email', displayName: 'setup-name', password: 'setup-password', again: 'setup-again' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    if (password.value !== again.value) return show({ again: 'must be the same password' });
    try {
      const me = await requestJson<SessionUserDto>('/api/setup', {
        method: 'POST', body: { token, email: email.value, displayName: displayName.value, password: password.value },
      });
      done(me.displayName);
    } catch (err) {
      if (!(err instanceof ApiError)) return void (message.textContent = 'Could not reach the server.');
      if (err.status === 410) return closed();
      const fields = (err.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
      if (fields.some((f) => f.path === 'token')) return void (message.textContent = 'This link’s token is not the one the server printed last. Copy the newest “First run” line from the server’s output.');
      show(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      message.textContent = err.message;
    }
  });
  return form;
}

function done(name: string) {
  area.replaceChildren(el('div', { className: 'login', role: 'status' },
    el('h2', {}, `Welcome, ${name}`),
    el('p', {}, 'The admin account exists and you are signed in. Next: make accounts for observers and analysts, and a device token for each field phone.'),
    el('a', { href: '/admin/', className: 'primary-link' }, 'Open the admin area')));
  area.querySelector('a')!.focus();
}

function closed() {
  area.replaceChildren(el('div', { className: 'login' },
    el('h2', {}, 'Setup is done'),
    el('p', {}, 'An admin account exists on this server, so this link no longer works. Sign in instead.'),
    el('a', { href: '/admin/' }, 'Sign in to the admin area')));
}

async function start() {
  const needed = await api.setupNeeded().catch(() => null);
  if (needed === null) return void area.replaceChildren(el('p', { role: 'alert' }, 'Could not reach the server. Reload the page to try again.'));
  if (!needed) return closed();
  if (!token) {
    return void area.replaceChildren(el('div', { className: 'login' },
      el('h2', {}, 'Open the link the server printed'),
      el('p', {}, 'This page needs the one-time token from the server’s first-run line: “First run: create the admin account at …/setup/#token=…”. Open that whole link.')));
  }
  area.replaceChildren(setupForm());
  area.querySelector('input')!.focus();
}

void start();
