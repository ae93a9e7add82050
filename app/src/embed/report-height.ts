/** What embed.js and the embed page say to each other through postMessage. */
export const RESIZE_MESSAGE = 'landport:resize';
export const ASK_SIZE_MESSAGE = 'landport:ask-size';

/**
 * Tells the page around the iframe how tall the embed is, now and whenever that changes, so
 * `/embed.js` can size the iframe to its content. The height is not a secret: any page may hear it.
 */
export function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  const post = (force = false) => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!force && height === last) return;
    last = height;
    window.parent.postMessage({ type: RESIZE_MESSAGE, height }, '*');
  };
  new ResizeObserver(() => post()).observe(document.documentElement);
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && (e.data as { type?: unknown } | null)?.type === ASK_SIZE_MESSAGE) post(true);
  });
  post(true);
}
