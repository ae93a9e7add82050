import fs from 'node:fs';
import path from 'node:path';
import type { EmbedEntry } from './embed-service.js';
import { EMBED_SIZE, escapeHtml } from './embed-snippet.js';

const HEAD = '<!--landport:head-->';
const BODY = '<!--landport:body-->';

/**
 * Used when the front end has not been built (API tests, a server started without
 * `npm run build:app`): the same head and data, the static image and the summary as text.
 */
const FALLBACK_TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${HEAD}</head>
<body><main id="embed"></main>${BODY}</body></html>`;

/** The built embed page (Vite's output), else the fallback. */
export function loadEmbedTemplate(staticDir: string | undefined): string {
  const file = staticDir && path.join(staticDir, 'embed', 'index.html');
  const html = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : FALLBACK_TEMPLATE;
  if (!html.includes(HEAD) || !html.includes(BODY)) throw new Error(`embed template lacks ${HEAD} or ${BODY}`);
  return html;
}

/** JSON inside a script element: nothing in it may close the element or start a comment. */
const scriptSafeJson = (json: string) =>
  json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The embed page for one view: title, description and social image, the oEmbed discovery
 * link, the data inlined (the page draws without another request) and a static image for
 * readers without JavaScript. All user text is escaped for where it goes.
 */
export function renderEmbedPage(template: string, entry: EmbedEntry, origin: string): string {
  const { data } = entry;
  const pageUrl = `${origin}/embed/${data.viewId}`;
  const image = `${origin}/embed/${data.viewId}/image.png?width=1200&height=630`;
  const oembed = `${origin}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
  const title = escapeHtml(data.title);
  const summary = escapeHtml(data.summary);
  const head = [
    `<title>${title} · landport</title>`,
    `<meta name="description" content="${summary}">`,
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed)}" title="${title}">`,
    `<meta property="og:type" content="website"><meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${summary}"><meta property="og:url" content="${escapeHtml(pageUrl)}">`,
    `<meta property="og:image" content="${escapeHtml(image)}"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">`,
    `<meta name="twitter:card" content="summary_large_image">`,
  ].join('\n');
  const body = [
    `<script type="application/json" id="landport-data">${scriptSafeJson(entry.json)}</script>`,
    `<noscript><h1 class="noscript-title">${title}</h1>`,
    `<img src="/embed/${data.viewId}/image.png?width=${EMBED_SIZE.width}&amp;height=400" width="${EMBED_SIZE.width}" height="400" alt="${summary}" style="max-width:100%;height:auto">`,
    `<p><a href="/embed/${data.viewId}/data.csv">Download the data (CSV)</a></p></noscript>`,
  ].join('\n');
  return template.replace(HEAD, () => head).replace(BODY, () => body);
}
