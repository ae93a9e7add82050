import { ApiError } from '../api.js';
import { el } from '../ui/dom.js';
import { DESCRIPTION_MAX, TITLE_MAX } from './limits.js';
import { fieldErrors, fieldMessage } from './field-errors.js';
import { updateSavedEmbed, type SavedEmbed } from './saved-embeds-api.js';

const FIELDS = ['title', 'description'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The inline form that changes an embed's title and description. The server's own validation is what counts:
 * each problem it names is shown under its field (and the field marked invalid), anything else above the buttons.
 */
export function editForm(item: SavedEmbed, onSaved: (updated: SavedEmbed) => void, onCancel: () => void): HTMLFormElement {
  const id = (f: string) => `${f}-${item.id}`;
  const title = el('input', {
    id: id('title'), name: 'title', required: true, maxlength: TITLE_MAX, autocomplete: 'off', 'aria-describedby': id('title-error'),
  });
  title.value = item.title;
  const description = el('textarea', {
    id: id('description'), name: 'description', rows: 3, maxlength: DESCRIPTION_MAX, 'aria-describedby': `${id('description-hint')} ${id('description-error')}`,
  });
  description.value = item.description ?? '';
  const inputs: Record<Field, HTMLInputElement | HTMLTextAreaElement> = { title, description };
  const labels: Record<Field, string> = { title: 'Title', description: 'Description' };
  const errors: Record<Field, HTMLElement> = {
    title: el('p', { id: id('title-error'), className: 'field-error' }),
    description: el('p', { id: id('description-error'), className: 'field-error' }),
  };
  const formError = el('p', { className: 'form-error', role: 'alert' });
  const save = el('button', { type: 'submit' }, 'Save');
  const cancel = el('button', { type: 'button', className: 'secondary' }, 'Cancel');
  cancel.addEventListener('click', onCancel);

  const form = el('form', { className: 'edit-form', 'aria-label': `Edit “${item.title}”` },
    el('label', { for: id('title') }, 'Title'), title, errors.title,
    el('label', { for: id('description') }, 'Description'),
    el('p', { id: id('description-hint'), className: 'hint' }, 'For analysts, shown on this page only; the embed shows its title.'),
    description, errors.description,
    formError,
    el('div', { className: 'form-buttons' }, save, cancel),
  );
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') onCancel();
  });

  const showErrors = (err: unknown) => {
    const found = fieldErrors(FIELDS, err instanceof ApiError ? err.details : undefined, (err as Error).message);
    for (const f of FIELDS) {
      const message = found.byField[f];
      errors[f].textContent = message ? fieldMessage(labels[f], message) : '';
      if (message) inputs[f].setAttribute('aria-invalid', 'true');
      else inputs[f].removeAttribute('aria-invalid');
    }
    formError.textContent = found.other ? `Not saved: ${found.other}` : '';
    // To the first field that needs a change; a message about no field is read out by its alert.
    const first = FIELDS.find((f) => found.byField[f]);
    if (first) inputs[first].focus();
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      onSaved(await updateSavedEmbed(item.id, { title: title.value, description: description.value }));
    } catch (err) {
      save.disabled = false;
      save.textContent = 'Save';
      showErrors(err);
    }
  });
  return form;
}
