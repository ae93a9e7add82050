import QRCode from 'qrcode';
import { ApiError } from '../api.js';
import { el } from '../ui/dom.js';
import { createToken, revokeToken, type NewToken, type TokenDto, type UserDto } from './admin-api.js';

type Ctx = { announce: (m: string) => void; reload: (justMade?: HTMLElement) => Promise<void> };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'never');

/**
 * A new token, shown once: the QR code a phone's camera scans to open the upload app signed in, the same link to
 * copy, and the raw token for scripts. None of it can be shown again.
 */
export async function newTokenCard(made: NewToken): Promise<HTMLElement> {
  const canvas = el('canvas', { role: 'img', 'aria-label': `QR code that signs a phone in as “${made.name}”` });
  // The token exists on the server now and cannot be shown again: without a QR code the link must still appear.
  const drawn = await QRCode.toCanvas(canvas, made.signInUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }).then(() => true, () => false);
  const copy = el('button', { type: 'button' }, 'Copy the link');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(made.signInUrl).then(() => (copy.textContent = 'Copied')));
  return el('div', { className: 'new-token', role: 'region', 'aria-label': `New device token ${made.name}`, tabindex: -1 },
    drawn ? canvas : el('p', { className: 'form-error' }, 'The QR code could not be drawn here; open the link below on the phone.'),
    el('strong', {}, `“${made.name}” is ready. Scan this code with the phone’s camera; it opens the upload app signed in.`),
    el('p', { className: 'muted' }, 'Shown only now: the server keeps only a hash. If it is lost, revoke it and make another.'),
    el('p', {}, 'Or open on the phone: ', el('code', { className: 'sign-in-link' }, made.signInUrl), ' ', copy),
    el('p', { className: 'muted' }, 'For scripts, the token as a Bearer header: ', el('code', { className: 'raw-token' }, made.token)));
}

function newTokenForm(users: UserDto[], ctx: Ctx): HTMLFormElement {
  const name = el('input', { type: 'text', id: 'new-token-name', required: true, maxlength: 200, placeholder: 'e.g. Dandong phone 2', autocomplete: 'off' });
  const owner = el('select', { id: 'new-token-user', required: true },
    el('option', { value: '' }, 'Choose the account…'),
    ...users.filter((u) => !u.disabled).map((u) => el('option', { value: u.id }, `${u.displayName} — ${u.email} (${u.role})`)));
  const error = el('p', { className: 'form-error', role: 'alert' });
  const form = el('form', { className: 'inline-form', 'aria-label': 'New device token', novalidate: true },
    el('div', { className: 'field' }, el('label', { for: 'new-token-name' }, 'Device name', el('span', { 'aria-hidden': 'true' }, ' *')), name),
    el('div', { className: 'field' }, el('label', { for: 'new-token-user' }, 'Acts as', el('span', { 'aria-hidden': 'true' }, ' *')), owner),
    el('button', { type: 'submit', className: 'primary' }, 'Create device token'), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!name.value.trim()) return void (error.textContent = 'Give the device a name (who holds it, where).');
    if (!owner.value) return void (error.textContent = 'Choose the account the device acts as.');
    try {
      const made = await createToken({ name: name.value, userId: owner.value });
      await ctx.reload(await newTokenCard(made));
      ctx.announce(`Device token “${made.name}” created. Its QR code is shown once.`);
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : 'Could not reach the server';
    }
  });
  return form;
}

/** Device tokens: who each acts as, when it was last used, revoke; a new one is shown once with its QR code. */
export function devicesSection(tokens: TokenDto[], users: UserDto[], ctx: Ctx, justMade: HTMLElement | null): HTMLElement {
  const made = el('div', { className: 'made-slot' }, justMade);
  const rows = tokens.map((t) => {
    const revoke = el('button', { type: 'button' }, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!confirm(`Revoke “${t.name}”? The device is signed out at once and cannot send until it gets a new code.`)) return;
      try {
        await revokeToken(t.id);
        ctx.announce(`“${t.name}” revoked.`);
        await ctx.reload();
      } catch (err) {
        ctx.announce(`Not revoked: ${err instanceof ApiError ? err.message : 'Could not reach the server'}`);
      }
    });
    return el('tr', { className: t.revokedAt ? 'disabled-row' : '' },
      el('td', { 'data-label': 'Device' }, t.name),
      el('td', { 'data-label': 'Acts as' }, `${t.user.displayName} (${t.user.role})`),
      el('td', { 'data-label': 'Created' }, when(t.createdAt)),
      el('td', { 'data-label': 'Last used' }, when(t.lastUsedAt)),
      el('td', { 'data-label': 'State' }, t.revokedAt ? `Revoked ${when(t.revokedAt)}` : revoke));
  });
  return el('section', { 'aria-labelledby': 'devices-heading' },
    el('h2', { id: 'devices-heading' }, 'Device tokens'),
    el('p', { className: 'muted' }, 'A device token signs one phone or script in as an account, without a password. Make one per device, so a lost phone is revoked alone.'),
    el('h3', {}, 'New device token'),
    newTokenForm(users, ctx),
    made,
    tokens.length
      ? el('div', { className: 'table-wrap' }, el('table', {},
          el('thead', {}, el('tr', {}, ...['Device', 'Acts as', 'Created', 'Last used', 'State'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, ...rows)))
      : el('p', { className: 'muted' }, 'No device tokens yet.'));
}
