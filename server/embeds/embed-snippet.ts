/** The default size of an embed where nothing resizes it (no script, or an oEmbed consumer's box). */
export const EMBED_SIZE = { width: 600, height: 680 };

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What a publisher pastes: the iframe (full width, a fixed height that reads well without
 * scripts) and `/embed.js`, which sizes every landport iframe on the page to its content.
 */
export function embedSnippet(
  origin: string, id: string, title: string, height = EMBED_SIZE.height, flags = '',
  /** An oEmbed consumer's box: the frame stays within maxwidth, and the resizer never grows it past maxheight. */
  box: { maxWidth?: number; maxHeight?: number } = {},
): string {
  const t = escapeHtml(title);
  const o = escapeHtml(origin);
  const q = flags ? `?${escapeHtml(flags)}` : '';
  const maxWidth = box.maxWidth ? `;max-width:${box.maxWidth}px` : '';
  const maxHeight = box.maxHeight ? ` data-landport-max-height="${box.maxHeight}"` : '';
  return (
    `<iframe src="${o}/embed/${id}${q}" title="${t}" aria-label="${t}" width="${box.maxWidth ?? '100%'}" height="${height}" ` +
    `style="border:0;width:100%${maxWidth}" loading="lazy" data-landport-embed${maxHeight}></iframe>` +
    `<script async src="${o}/embed.js"></script>`
  );
}

/** The embed page's own flags (see app/src/embed/flags.ts); nothing else in a URL is carried along. */
const FLAG_NAMES = ['dark', 'plain', 'static', 'transparent', 'locale'];

/** The flags a publisher put on an embed URL, kept in order for the snippet; odd values are dropped. */
export function embedFlagsOf(url: URL): string {
  const kept = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (FLAG_NAMES.includes(key) && /^[\w-]{0,35}$/.test(value) && !kept.has(key)) kept.set(key, value);
  }
  return kept.toString();
}
