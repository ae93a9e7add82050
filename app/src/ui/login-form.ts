import { el } from './dom.js';
import { api, ApiError, type Me } from '../api.js';
import { SIGN_OUT_PENDING } from './account-bar.js';

export type { Me };

/**
 * Who is signed in (null: nobody), through the one API client. A sign-out made offline is finished first; while it
 * cannot be, nobody is signed in here.
 */
export async function fetchMe(): Promise<Me> {
  if (localStorage.getItem(SIGN_OUT_PENDING)) {
    await api.signOut();
    localStorage.removeItem(SIGN_OUT_PENDING);
    return null;
  }
  return api.me();
}

/**
 * A sign-in form; calls `onSignedIn` with the user. Errors are shown as text in the form. On a server that has
 * no admin yet it says how to make the first account, since no password can work.
 */
export function loginForm(onSignedIn: (me: NonNullable<Me>) => void, opts: { heading?: string } = {}): HTMLFormElement {
  const email = el('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const message = el('p', { className: 'form-error', role: 'alert' });
  const firstRun = el('p', { className: 'first-run-note', hidden: true });
  const form = el('form', { className: 'login', 'aria-label': 'Sign in' },
    el('h2', {}, opts.heading ?? 'Sign in'),
    firstRun,
    el('label', { for: 'login-email' }, 'Email'), email,
    el('label', { for: 'login-password' }, 'Password'), password,
    el('button', { type: 'submit' }, 'Sign in'),
    message,
  );
  void api.setupNeeded().then((needed) => {
    if (!needed) return;
    firstRun.hidden = false;
    firstRun.replaceChildren(
      el('strong', {}, 'No account exists yet. '),
      'When it started, the server printed a line “First run: create the admin account at …/setup/#token=…”. ',
      'Open that link to create the first (admin) account; then make accounts for others in the admin area.');
  }, () => undefined);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    try {
      const me = await api.signIn(email.value, password.value);
      localStorage.removeItem(SIGN_OUT_PENDING);
      onSignedIn(me);
    } catch (err) {
      message.textContent = err instanceof ApiError ? err.message : 'Could not reach the server';
    }
  });
  return form;
}
