import { el } from './dom.js';

import { api, type Me } from '../api.js';

export type { Me };

/** Who is signed in (null: nobody), through the one API client. */
export const fetchMe = (): Promise<Me> => api.me();

/** A sign-in form; calls `onSignedIn` with the user. Errors are shown as text in the form. */
export function loginForm(onSignedIn: (me: NonNullable<Me>) => void): HTMLFormElement {
  const email = el('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const message = el('p', { className: 'form-error', role: 'alert' });
  const form = el('form', { className: 'login', 'aria-label': 'Sign in' },
    el('h2', {}, 'Sign in'),
    el('label', { for: 'login-email' }, 'Email'), email,
    el('label', { for: 'login-password' }, 'Password'), password,
    el('button', { type: 'submit' }, 'Sign in'),
    message,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    const res = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
      body: JSON.stringify({ email: email.value, password: password.value }),
    }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    if (!res || !res.ok) {
      message.textContent = body?.error?.message ?? 'Could not reach the server';
      return;
    }
    onSignedIn(body);
  });
  return form;
}
