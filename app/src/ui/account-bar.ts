import { api, type Me } from '../api.js';
import { el } from './dom.js';
import './account.css';

/** Set when a sign-out could not reach the server (offline): fetchMe finishes it first. */
export const SIGN_OUT_PENDING = 'landport-sign-out-pending';

export type AccountBarOptions = {
  /** After signing out (or before switching): the page shows its sign-in form. */
  onSignedOut: (switching: boolean) => void;
  /** Asked before signing out; a reason not to (unsent work on this device) is shown for confirmation. */
  beforeSignOut?: () => Promise<string | null>;
};

/**
 * Who is signed in, with "Switch account" and "Sign out": one bar for every signed-in page (field phones are
 * shared, and an analyst may need to act as an admin).
 */
export function accountBar(me: NonNullable<Me>, opts: AccountBarOptions): HTMLElement {
  const message = el('span', { className: 'account-message', role: 'status' });
  const action = (label: string, switching: boolean) => {
    const b = el('button', { type: 'button', className: 'account-action' }, label);
    b.addEventListener('click', async () => {
      const warning = (await opts.beforeSignOut?.()) ?? null;
      if (warning && !confirm(warning)) return;
      try {
        await api.signOut();
      } catch {
        // Offline: the cookie stays until the server is told; until then no page of this browser counts as signed
        // in (fetchMe), so the next person on a shared phone is not the last one.
        localStorage.setItem(SIGN_OUT_PENDING, '1');
        message.textContent = 'Signed out on this device; the server will be told when online.';
      }
      opts.onSignedOut(switching);
    });
    return b;
  };
  return el('div', { className: 'account-bar' },
    el('span', { className: 'account-who' }, 'Signed in as ', el('strong', {}, me.displayName), ` (${me.role})`),
    action('Switch account', true),
    action('Sign out', false),
    message);
}
