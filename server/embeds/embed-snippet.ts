/** The default size of an embed where nothing resizes it (no script, or an oEmbed consumer's box). */
export const EMBED_SIZE = { width: 600, height: 660 };

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What a publisher pastes: the iframe (full width, a fixed height that reads well without
 * scripts) and `/embed.js`, which sizes every landport iframe on the page to its content.
 */
export function embedSnippet(origin: string, id: string, title: string, height = EMBED_SIZE.height): string {
  const t = escapeHtml(title);
  const o = escapeHtml(origin);
  return (
    `<iframe src="${o}/embed/${id}" title="${t}" aria-label="${t}" width="100%" height="${height}" ` +
    `style="border:0;width:100%" loading="lazy" data-landport-embed></iframe>` +
    `<script async src="${o}/embed.js"></script>`
  );
}
