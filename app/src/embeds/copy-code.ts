import { el } from '../ui/dom.js';

/**
 * "Copy embed code" with its confirmation in a live region beside it. Where the clipboard is refused (an
 * insecure origin, a browser policy) the code appears selected in a box, so it can still be copied by hand.
 */
export function copyCodeControl(code: string, title: string): HTMLElement {
  const status = el('span', { className: 'copy-status', role: 'status' });
  const fallback = el('textarea', { className: 'code-fallback', readonly: true, rows: 4, 'aria-label': `Embed code of “${title}”`, hidden: true });
  fallback.value = code;
  const button = el('button', { type: 'button', className: 'copy-code' }, 'Copy embed code', el('span', { className: 'sr-only' }, ` of “${title}”`));
  let clear: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    clearTimeout(clear);
    // Emptied first: the same words again must be announced again.
    status.textContent = '';
    const copied = await navigator.clipboard?.writeText(code).then(() => true, () => false);
    if (copied) {
      status.textContent = 'Copied';
      fallback.hidden = true;
      // The confirmation goes after a while, so it never describes an older click.
      clear = setTimeout(() => (status.textContent = ''), 8000);
    } else {
      fallback.hidden = false;
      fallback.select();
      status.textContent = 'Could not copy: the code is selected below, press Ctrl+C (⌘C on a Mac)';
    }
  });
  return el('div', { className: 'copy-control' }, el('div', { className: 'copy-line' }, button, status), fallback);
}
