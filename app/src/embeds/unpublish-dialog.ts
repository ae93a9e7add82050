import { el } from '../ui/dom.js';

let dialog: HTMLDialogElement | null = null;

/**
 * Asks before unpublishing: it cannot be undone, and every article carrying the embed loses it. The dialog
 * stays open while `unpublish` runs, so a failure is read where the decision was made.
 */
export function confirmUnpublish(title: string, unpublish: () => Promise<void>): Promise<boolean> {
  dialog ??= document.body.appendChild(
    el('dialog', { className: 'unpublish-dialog', 'aria-labelledby': 'unpublish-title', 'aria-describedby': 'unpublish-what' }),
  );
  const d = dialog;
  const keep = el('button', { type: 'button', className: 'keep', autofocus: true }, 'Keep it published');
  const confirm = el('button', { type: 'button', className: 'danger' }, 'Unpublish');
  const error = el('p', { className: 'form-error', role: 'alert' });
  d.replaceChildren(
    el('h2', { id: 'unpublish-title' }, `Unpublish “${title}”?`),
    el('div', { id: 'unpublish-what' },
      el('p', {}, 'The embed will stop showing in every article that uses it: its page, data and image will answer “410 Gone”.'),
      el('p', {}, 'This cannot be undone. To show this view again, save it anew from the map.')),
    error,
    el('div', { className: 'dialog-buttons' }, keep, confirm),
  );
  return new Promise((resolve) => {
    let done = false;
    let busy = false;
    keep.addEventListener('click', () => d.close());
    // Escape must not close it mid-request: the embed might be unpublished after the page said it was kept.
    d.oncancel = (e) => busy && e.preventDefault();
    d.addEventListener('close', () => resolve(done), { once: true });
    confirm.addEventListener('click', async () => {
      error.textContent = '';
      busy = confirm.disabled = keep.disabled = true;
      confirm.textContent = 'Unpublishing…';
      try {
        await unpublish();
        done = true;
        d.close();
      } catch (err) {
        error.textContent = `Could not unpublish: ${(err as Error).message}`;
        busy = confirm.disabled = keep.disabled = false;
        confirm.textContent = 'Unpublish';
        confirm.focus();
      }
    });
    d.showModal();
  });
}
