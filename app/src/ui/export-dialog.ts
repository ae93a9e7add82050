import { IMAGE_SIZES } from '../map/export-image.js';
import { el } from './dom.js';

/**
 * The image export: pick a size, download. The picture carries the title, month, legend, sources and
 * credits (export-image.ts); its file is named after the view.
 */
export function openExportDialog(opener: HTMLElement, download: (size: { width: number; height: number }) => Promise<void>) {
  const choices = IMAGE_SIZES.map((s, i) => el('label', { className: 'size-choice' },
    el('input', { type: 'radio', name: 'image-size', value: s.id, checked: i === 1 }), ' ', s.label));
  const message = el('p', { className: 'hint', role: 'status' });
  const go = el('button', { type: 'button', id: 'export-download' }, 'Download PNG');
  const close = el('button', { type: 'button' }, 'Close');
  const dialog = el('dialog', { className: 'export-dialog', 'aria-labelledby': 'export-title' },
    el('h2', { id: 'export-title' }, 'Download the map as an image'),
    el('p', { className: 'hint' }, 'The picture has the title, the month, the legend, the sources and the credits, ready to publish.'),
    el('fieldset', {}, el('legend', {}, 'Size (pixels)'), ...choices),
    el('div', { className: 'dialog-actions' }, go, close),
    message,
  );
  go.addEventListener('click', async () => {
    const id = (dialog.querySelector('input[name=image-size]:checked') as HTMLInputElement | null)?.value;
    const size = IMAGE_SIZES.find((s) => s.id === id) ?? IMAGE_SIZES[1];
    go.disabled = true;
    message.textContent = 'Drawing the image…';
    try {
      await download(size);
      message.textContent = 'Downloaded.';
    } catch (err) {
      message.textContent = `The image could not be made: ${(err as Error).message}`;
    } finally {
      go.disabled = false;
    }
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
}
