import type { SavedViewDto } from '../../../server/contracts/views.js';
import type { ViewState } from '../view-state.js';
import { el } from './dom.js';
import { fetchMe, loginForm, type Me } from './login-form.js';

const canSave = (me: Me) => me?.role === 'analyst' || me?.role === 'admin';

/** The saved-view settings of what the map shows now (review status is not saved: embeds are public). */
export function viewSettings(v: ViewState) {
  return {
    crossing: v.crossing, month: v.month, from: v.from, to: v.to, metric: v.metric, vehicleClass: v.vehicleClass,
    direction: v.direction, method: v.method, baseline: v.baseline, border: v.border, flow: v.flow, camera: v.camera,
  };
}

/**
 * "Embed this view": an analyst names the current view, saves it and gets the snippet to paste.
 * Anyone else is asked to sign in first, in the same dialog.
 */
export function renderEmbedButton(root: HTMLElement, currentView: () => ViewState, suggestTitle: () => string) {
  const dialog = el('dialog', { className: 'embed-dialog', 'aria-labelledby': 'embed-dialog-title' });
  const open = el('button', { type: 'button', className: 'embed-open' }, 'Embed this view');
  root.replaceChildren(open, dialog);

  const close = el('button', { type: 'button', className: 'embed-close' }, 'Close');
  close.addEventListener('click', () => dialog.close());
  const show = (...content: Node[]) => dialog.replaceChildren(el('h2', { id: 'embed-dialog-title' }, 'Embed this view'), ...content, close);

  const saveForm = () => {
    const title = el('input', { id: 'embed-title', name: 'title', required: true, maxlength: 200, value: suggestTitle() });
    const message = el('p', { className: 'form-error', role: 'alert' });
    const form = el('form', { className: 'embed-form' },
      el('label', { for: 'embed-title' }, 'Title shown above the embed'), title,
      el('p', { className: 'hint' }, 'The embed shows approved observations only, and stays live as more are approved.'),
      el('button', { type: 'submit' }, 'Save and get the embed code'), message);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      message.textContent = '';
      const res = await fetch('/api/views', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
        body: JSON.stringify({ title: title.value, view: viewSettings(currentView()) }),
      }).catch(() => null);
      const body = res ? await res.json().catch(() => null) : null;
      if (!res || !res.ok) {
        message.textContent = body?.error?.message ?? 'Could not reach the server';
        return;
      }
      showSnippet(body as SavedViewDto);
    });
    show(form);
    title.focus();
  };

  const showSnippet = (saved: SavedViewDto) => {
    const code = el('textarea', { id: 'embed-code', readonly: true, rows: 5, 'aria-label': 'Embed code' });
    code.value = saved.embedCode;
    const copied = el('span', { role: 'status' });
    const copy = el('button', { type: 'button' }, 'Copy');
    copy.addEventListener('click', async () => {
      code.select();
      copied.textContent = await navigator.clipboard.writeText(saved.embedCode).then(() => 'Copied', () => 'Select and copy the code above');
    });
    show(
      el('p', {}, `Saved as ${saved.id}. Paste this where the map should appear:`), code,
      el('p', {}, copy, ' ', copied, ' ', el('a', { href: saved.embedUrl, target: '_blank', rel: 'noopener', className: 'embed-preview' }, 'Open the embed')),
    );
  };

  open.addEventListener('click', async () => {
    dialog.showModal();
    const me = await fetchMe().catch(() => null);
    if (canSave(me)) return saveForm();
    const note = el('p', {}, me ? `Saving an embed needs an analyst account; you are signed in as ${me.role}.` : 'Sign in as an analyst to save this view as an embed.');
    show(note, ...(me ? [] : [loginForm((signedIn) => (canSave(signedIn) ? saveForm() : (note.textContent = `Saving an embed needs an analyst account; you are signed in as ${signedIn.role}.`)))]));
  });
}
