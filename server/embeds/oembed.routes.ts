import { Router } from 'express';
import { oembedQuery, type OembedDto } from '../contracts/embeds.js';
import { HttpError, notFound } from '../http/http-error.js';
import { publicOrigin } from '../http/public-origin.js';
import { parseOrThrow } from '../http/validate.js';
import { UNPUBLISHED, type EmbedService } from './embed-service.js';
import { EMBED_SIZE, embedFlagsOf, embedSnippet } from './embed-snippet.js';

const OEMBED_CACHE_SECONDS = 300;

/**
 * `GET /oembed` (https://oembed.com/, a "rich" response): for the URL of one of our embeds,
 * the snippet to paste and a thumbnail, within the consumer's maxwidth and maxheight.
 */
export function oembedRouter(service: EmbedService, publicUrl?: string): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseOrThrow(oembedQuery, req.query, 'query');
    if (q.format !== 'json') throw new HttpError(501, 'format_not_implemented', `format ${q.format} is not supported; use json`);
    const origin = publicOrigin(req, publicUrl);
    const url = new URL(q.url);
    const id = url.origin === origin ? /^\/embed\/([0-9A-Za-z]{10})\/?$/.exec(url.pathname)?.[1] : undefined;
    const entry = id ? await service.entry(id) : null;
    // An unpublished view has nothing to embed: to an oEmbed consumer it is no embed at all (404, as the spec has it).
    if (!entry || entry === UNPUBLISHED) throw notFound(`An embed at ${q.url}`);

    const width = Math.min(EMBED_SIZE.width, q.maxwidth ?? Infinity);
    const height = Math.min(EMBED_SIZE.height, q.maxheight ?? Infinity);
    // The thumbnail (3:2) keeps within maxwidth and maxheight too; below what the image endpoint draws, there is none.
    let thumbWidth = width;
    let thumbHeight = Math.round((thumbWidth * 2) / 3);
    if (q.maxheight !== undefined && thumbHeight > q.maxheight) {
      thumbHeight = q.maxheight;
      thumbWidth = Math.floor(thumbHeight * 1.5);
    }
    const thumbnail = thumbWidth >= 200 && thumbHeight >= 150
      ? {
          thumbnail_url: `${origin}/embed/${entry.data.viewId}/image.png?width=${thumbWidth}&height=${thumbHeight}`,
          thumbnail_width: thumbWidth,
          thumbnail_height: thumbHeight,
        }
      : {};
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Five minutes: a renamed view's new title, or its unpublishing, reaches consumers soon.
    res.setHeader('Cache-Control', `public, max-age=${OEMBED_CACHE_SECONDS}, stale-while-revalidate=3600`);
    res.json({
      version: '1.0',
      type: 'rich',
      provider_name: 'landport',
      provider_url: `${origin}/`,
      title: entry.data.title,
      // The publisher's flags (`?dark=true&plain`) stay on the iframe they asked for.
      html: embedSnippet(origin, entry.data.viewId, entry.data.title, height, embedFlagsOf(url), {
        maxWidth: q.maxwidth !== undefined ? width : undefined, maxHeight: q.maxheight !== undefined ? height : undefined,
      }),
      width,
      height,
      ...thumbnail,
      cache_age: OEMBED_CACHE_SECONDS,
    } satisfies OembedDto);
  });
  return router;
}
