import { Router, type Request, type Response } from 'express';
import { embedImageQuery } from '../contracts/embeds.js';
import { gone, notFound } from '../http/http-error.js';
import { publicOrigin } from '../http/public-origin.js';
import { parseOrThrow } from '../http/validate.js';
import { renderEmbedPage } from './embed-page.js';
import { shortHash } from '../http/short-hash.js';
import { UNPUBLISHED, type EmbedEntry, type EmbedService } from './embed-service.js';

export type EmbedRouteOptions = {
  service: EmbedService;
  /** The page template (Vite's built embed page). */
  template: string;
  publicUrl?: string;
  /** CSP `frame-ancestors` of embed pages: who may put them in an iframe. */
  frameAncestors: string;
};

/**
 * Only the embed page itself may be framed, by `frameAncestors`; it loads nothing from
 * elsewhere, so everything else is locked to our own origin.
 */
const embedCsp = (frameAncestors: string) =>
  [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "worker-src 'self' blob: data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

const MISSING_EMBED_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed not found · landport</title></head>' +
  '<body style="font:14px system-ui,sans-serif;padding:12px"><p>This map is not available: the embed was not found.</p></body></html>';

// No title in it: the page is the same for every unpublished view, and no user text can reach it.
const UNPUBLISHED_EMBED_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map unpublished · landport</title></head>' +
  '<body style="font:14px system-ui,sans-serif;padding:12px"><p>This map is no longer available: it was unpublished by its publisher.</p></body></html>';

/**
 * Unpublishing is for good (there is no republishing), so caches may keep a 410 a while; the 200 they held
 * before expires within the data's short max-age.
 */
const GONE_CACHE = 'public, max-age=300';

/** Short freshness, then served stale while one request revalidates: a CDN absorbs the spike. */
const cacheControl = (maxAge: number, swr: number) => `public, max-age=${maxAge}, stale-while-revalidate=${swr}`;

/**
 * `/embed/:id` and what it loads. Data and images answer any origin (CORS) and
 * conditional requests; Express turns a matching If-None-Match into a 304 before any body is sent.
 */
export function embedsRouter({ service, template, publicUrl, frameAncestors }: EmbedRouteOptions): Router {
  const router = Router();
  const templateHash = shortHash(template);
  const fresh = Math.max(1, Math.min(service.settings.cacheSeconds, service.settings.refreshSeconds));
  const dataCache = cacheControl(fresh, 300);

  /** The embed, or the one error shape: 410 for an unpublished view, 404 for anything else that is not one. */
  async function entryOf(req: Request, res: Response): Promise<EmbedEntry> {
    const id = String(req.params.id);
    const entry = await service.entry(id);
    if (entry === UNPUBLISHED) {
      // A publisher's page asks for these from its own origin: the answer must be readable there too.
      allowAnyOrigin(res);
      res.setHeader('Cache-Control', GONE_CACHE);
      throw gone(`Embed ${id}`);
    }
    if (!entry) throw notFound(`Embed ${id}`);
    return entry;
  }

  const allowAnyOrigin = (res: Response) => res.setHeader('Access-Control-Allow-Origin', '*');

  router.get('/', () => {
    throw notFound('Embed');
  });

  router.get('/:id', async (req, res) => {
    const entry = await service.entry(String(req.params.id));
    if (entry === UNPUBLISHED) {
      res.status(410).setHeader('Content-Security-Policy', embedCsp(frameAncestors));
      res.setHeader('Cache-Control', GONE_CACHE);
      res.type('html').send(UNPUBLISHED_EMBED_PAGE);
      return;
    }
    if (!entry) {
      // Inside a publisher's iframe a JSON error would show as raw text: a short page says it plainly.
      res.status(404).setHeader('Content-Security-Policy', embedCsp(frameAncestors));
      // A view saved a moment ago may not have reached a read replica yet: no cache may keep its absence.
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(MISSING_EMBED_PAGE);
      return;
    }
    const origin = publicOrigin(req, publicUrl);
    // The page is template + data + origin: its validator is made from theirs, without hashing the page.
    res.setHeader('ETag', `W/"${shortHash(`${templateHash}|${entry.etag}|${origin}`)}"`);
    res.setHeader('Cache-Control', dataCache);
    res.setHeader('Content-Security-Policy', embedCsp(frameAncestors));
    // A revalidation is answered before the page is put together.
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('html').send(renderEmbedPage(template, entry, origin));
  });

  router.get('/:id/data.json', async (req, res) => {
    const entry = await entryOf(req, res);
    allowAnyOrigin(res);
    res.setHeader('ETag', entry.etag);
    res.setHeader('Cache-Control', dataCache);
    res.type('json').send(entry.json);
  });

  router.get('/:id/data.csv', async (req, res) => {
    const entry = await entryOf(req, res);
    const csv = service.csv(entry);
    allowAnyOrigin(res);
    res.setHeader('ETag', csv.etag);
    res.setHeader('Cache-Control', dataCache);
    res.attachment(`landport-${entry.data.viewId}.csv`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('text/csv; charset=utf-8').send(csv.text);
  });

  router.get('/:id/basemap.json', async (req, res) => {
    const entry = await entryOf(req, res);
    const { json, version } = await service.basemap(entry);
    res.setHeader('ETag', `W/"${version}"`);
    // The data names the basemap by version: that URL never changes content. Any other is revalidated.
    res.setHeader('Cache-Control', req.query.v === version ? 'public, max-age=31536000, immutable' : dataCache);
    res.type('json').send(json);
  });

  for (const format of ['svg', 'png'] as const) {
    router.get(`/:id/image.${format}`, async (req, res) => {
      const entry = await entryOf(req, res);
      const opts = parseOrThrow(embedImageQuery, req.query, 'query');
      allowAnyOrigin(res);
      res.setHeader('ETag', `W/"${shortHash(`${entry.etag}|${opts.width}|${opts.height}|${opts.dark}|${format}`)}"`);
      // A minute, not longer: a renamed or unpublished view's old image must not linger in caches. Revalidating
      // costs a 304 from the kept entry; the image is drawn once per ETag and size whatever the traffic.
      res.setHeader('Cache-Control', cacheControl(60, 3600));
      // A revalidation never renders.
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.type(format === 'svg' ? 'image/svg+xml' : 'image/png').send(await service.image(entry, opts, format));
    });
  }

  return router;
}
