import { ApiError } from '../api.js';
import { el } from '../ui/dom.js';
import { fieldMessages } from '../ui/field-messages.js';
import { createUser, updateUser, type Role, type UserDto } from './admin-api.js';

const ROLES: [Role, string][] = [
  ['observer', 'Observer — submits observations'],
  ['analyst', 'Analyst — reviews, imports, publishes embeds'],
  ['admin', 'Admin — also manages accounts and devices'],
];

type Ctx = { announce: (m: string) => void; reload: () => Promise<void>; meId: string };

const errorText = (err: unknown) => (err instanceof ApiError ? err.message : 'Could not reach the server');

function roleSelect(user: UserDto, ctx: Ctx) {
  const select = el('select', { 'aria-label': `Role of ${user.email}` }, ...ROLES.map(([v, label]) => el('option', { value: v, selected: user.role === v }, label.split(' — ')[0])));
  select.addEventListener('change', async () => {
    const role = select.value as Role;
    // Admin rights are asked for in words: a keyboard stepping through the options must not grant them.
    if (role === 'admin' && !confirm(`Make ${user.email} an admin? Admins manage every account and device.`)) {
      select.value = user.role;
      return;
    }
    try {
      await updateUser(user.id, { role });
      user.role = role;
      ctx.announce(`${user.email} is now an ${role}.`);
    } catch (err) {
      select.value = user.role;
      ctx.announce(`Role not changed: ${errorText(err)}`);
    }
  });
  return select;
}

function resetPassword(user: UserDto, ctx: Ctx) {
  const button = el('button', { type: 'button' }, 'Reset password');
  button.addEventListener('click', () => {
    const input = el('input', { type: 'password', autocomplete: 'new-password', minlength: 10, 'aria-label': `New password for ${user.email}` });
    const save = el('button', { type: 'submit' }, 'Set');
    const cancel = el('button', { type: 'button' }, 'Cancel');
    const form = el('form', { className: 'inline-form' }, input, save, cancel);
    cancel.addEventListener('click', () => form.replaceWith(button));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await updateUser(user.id, { password: input.value });
        form.replaceWith(button);
        ctx.announce(`New password set for ${user.email}. Tell them in person or by a channel you trust.`);
        button.focus();
      } catch (err) {
        ctx.announce(`Password not set: ${errorText(err)}`);
        input.focus();
      }
    });
    button.replaceWith(form);
    input.focus();
  });
  return button;
}

function disableToggle(user: UserDto, ctx: Ctx) {
  const button = el('button', { type: 'button' }, user.disabled ? 'Enable' : 'Disable');
  button.addEventListener('click', async () => {
    if (!user.disabled && !confirm(`Disable ${user.email}? They are signed out everywhere and cannot sign in until enabled.`)) return;
    try {
      await updateUser(user.id, { disabled: !user.disabled });
      ctx.announce(`${user.email} ${user.disabled ? 'enabled' : 'disabled'}.`);
      await ctx.reload();
    } catch (err) {
      ctx.announce(`Not changed: ${errorText(err)}`);
    }
  });
  return button;
}

function newUserForm(ctx: Ctx): HTMLFormElement {
  const email = el('input', { type: 'email', id: 'new-user-email', required: true, autocomplete: 'off' });
  const name = el('input', { type: 'text', id: 'new-user-name', required: true, maxlength: 200, autocomplete: 'off' });
  const role = el('select', { id: 'new-user-role' }, ...ROLES.map(([v, label]) => el('option', { value: v }, label)));
  const password = el('input', { type: 'password', id: 'new-user-password', autocomplete: 'new-password', minlength: 10 });
  const cell = (id: string, label: string, input: HTMLElement, required = false) => {
    input.setAttribute('aria-describedby', `${id}-error`);
    return el('div', { className: 'field' }, el('label', { for: id }, label, required ? el('span', { 'aria-hidden': 'true' }, ' *') : null), input, el('span', { className: 'form-error', id: `${id}-error` }));
  };
  const form = el('form', { className: 'inline-form', 'aria-label': 'New account', novalidate: true },
    cell('new-user-email', 'Email', email, true), cell('new-user-name', 'Name', name, true), cell('new-user-role', 'Role', role),
    cell('new-user-password', 'Password (optional: observers on phones sign in with a device token)', password),
    el('button', { type: 'submit', className: 'primary' }, 'Create account'));
  const show = fieldMessages(form, { email: 'new-user-email', displayName: 'new-user-name', role: 'new-user-role', password: 'new-user-password' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    show({});
    try {
      const made = await createUser({ email: email.value, displayName: name.value, role: role.value as Role, ...(password.value && { password: password.value }) });
      form.reset();
      ctx.announce(`Account created for ${made.email} (${made.role}).`);
      await ctx.reload();
    } catch (err) {
      const fields = err instanceof ApiError ? ((err.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? []) : [];
      if (fields.length) show(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      else ctx.announce(`Account not created: ${errorText(err)}`);
    }
  });
  return form;
}

/** Accounts: each user's role, sign-in state and password, and a form for a new one. */
export function usersSection(users: UserDto[], ctx: Ctx): HTMLElement {
  const rows = users.map((u) => el('tr', { className: u.disabled ? 'disabled-row' : '' },
    el('td', { 'data-label': 'Email' }, u.email, u.id === ctx.meId ? el('span', { className: 'muted' }, ' (you)') : null),
    el('td', { 'data-label': 'Name' }, u.displayName),
    el('td', { 'data-label': 'Role' }, roleSelect(u, ctx)),
    el('td', { 'data-label': 'State' }, u.disabled ? 'Disabled' : 'Active'),
    el('td', { 'data-label': 'Actions' }, resetPassword(u, ctx), ' ', disableToggle(u, ctx))));
  return el('section', { 'aria-labelledby': 'users-heading' },
    el('h2', { id: 'users-heading' }, `Accounts (${users.length})`),
    el('div', { className: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ...['Email', 'Name', 'Role', 'State', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows))),
    el('h3', {}, 'New account'),
    newUserForm(ctx));
}
