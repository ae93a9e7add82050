import type { SavedViewDto } from '../../../server/contracts/views.js';
import { requestJson } from '../api.js';
import { publishPanel } from './embed-publish.js';
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
    const description = el('textarea', { id: 'embed-description', name: 'description', maxlength: 1000, rows: 2 });
    const message = el('p', { className: 'form-error', role: 'alert' });
    const form = el('form', { className: 'embed-form' },
      el('label', { for: 'embed-title' }, 'Title shown above the embed'), title,
      el('label', { for: 'embed-description' }, 'Description (optional; for your list of saved embeds)'), description,
      el('p', { className: 'hint' }, 'The embed shows approved observations only, and stays live as more are approved.'),
      el('button', { type: 'submit' }, 'Save and set up the embed'), message);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      message.textContent = '';
      try {
        const saved = await requestJson<SavedViewDto>('/api/views', {
          method: 'POST',
          body: { title: title.value, ...(description.value.trim() ? { description: description.value } : {}), view: viewSettings(currentView()) },
        });
        show(publishPanel(saved));
      } catch (err) {
        message.textContent = (err as Error).message || 'Could not reach the server';
      }
    });
    show(form);
    title.focus();
  };

  open.addEventListener('click', async () => {
    dialog.showModal();
    const me = await fetchMe().catch(() => null);
    if (canSave(me)) return saveForm();
    const note = el('p', {}, me ? `Saving an embed needs an analyst account; you are signed in as ${me.role}.` : 'Sign in as an analyst to save this view as an embed.');
    show(note, ...(me ? [] : [loginForm((signedIn) => (canSave(signedIn) ? saveForm() : (note.textContent = `Saving an embed needs an analyst account; you are signed in as ${signedIn.role}.`)))]));
  });
}
