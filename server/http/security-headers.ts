import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** What others may load from us: embed pages (in their iframes), the resizer script, oEmbed answers. */
const SHARED_WITH_OTHER_SITES = /^\/(embed\/|embed\.js$|oembed)/;

/**
 * Public read-only data a map or notebook on another site may fetch: OGC API – Features, the exports and the
 * cached public reads. Only their GETs (and the preflight a conditional GET needs) are shared; sign-in,
 * accounts, review and every write stay same-origin.
 */
export const PUBLIC_READ_PATHS = /^\/(ogc(\/|$)|api\/(exports|crossings|series|trade|rollups|analysis)(\/|$))/;

/** A read of PUBLIC_READ_PATHS: the requests both CORS and the cross-origin resource policy open up. */
const isPublicRead = (req: { method: string; path: string }) => (req.method === 'GET' || req.method === 'HEAD') && PUBLIC_READ_PATHS.test(req.path);

/** Headers a cross-origin reader may send (a conditional GET) and read (validators, paging, the file name). */
const CORS_ALLOW_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since';
const CORS_EXPOSE_HEADERS = 'ETag, Last-Modified, Link, Content-Disposition, X-Request-Id, Retry-After';

/**
 * CORS for PUBLIC_READ_PATHS: `Access-Control-Allow-Origin: *` and never credentials, so a browser elsewhere
 * reads exactly what an anonymous caller gets (it sends no cookie with such a request); preflights answered here.
 */
export const publicReadCors: RequestHandler = (req, res, next) => {
  if (!PUBLIC_READ_PATHS.test(req.path)) return next();
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    const asked = String(req.headers['access-control-request-method']).toUpperCase();
    res.setHeader('Vary', 'Access-Control-Request-Method, Access-Control-Request-Headers');
    if (asked !== 'GET' && asked !== 'HEAD') return void res.status(204).end();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
    res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
    res.setHeader('Access-Control-Max-Age', '86400');
    return void res.status(204).end();
  }
  if (isPublicRead(req)) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
  }
  next();
};

/**
 * Helmet's headers on every response: a Content-Security-Policy that allows only our own scripts (so text that
 * slipped into markup still could not run), no MIME sniffing, no referrer leaks, HSTS behind HTTPS, and
 * cross-origin isolation of our resources. Framing is refused everywhere but embed pages, which set their own
 * `frame-ancestors` (EMBED_FRAME_ANCESTORS) in `embeds.routes.ts`; what publishers' pages load from us is
 * marked cross-origin so their browsers may use it.
 */
export function securityHeaders(opts: { basemapStyleUrl?: string }): RequestHandler[] {
  // An online basemap loads its style, tiles, glyphs and sprites from elsewhere; the built-in one from us only.
  const online = opts.basemapStyleUrl ? ['https:'] : [];
  return [
    helmet({
      contentSecurityPolicy: {
        // Listed in full: helmet's defaults add upgrade-insecure-requests, which breaks a plain-HTTP intranet install.
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // MapLibre and the charts set inline styles on the elements they draw.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:', ...online],
          'font-src': ["'self'"],
          'connect-src': ["'self'", ...online],
          'worker-src': ["'self'", 'blob:'],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      // Set below by path: embed pages may be framed, nothing else.
      frameguard: false,
      crossOriginResourcePolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
    (req, res, next) => {
      const shared = SHARED_WITH_OTHER_SITES.test(req.path) || isPublicRead(req);
      res.setHeader('Cross-Origin-Resource-Policy', shared ? 'cross-origin' : 'same-origin');
      if (!req.path.startsWith('/embed/')) res.setHeader('X-Frame-Options', 'DENY');
      next();
    },
    publicReadCors,
  ];
}
