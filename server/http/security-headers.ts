import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** What others may load from us: embed pages (in their iframes), the resizer script, oEmbed answers. */
const SHARED_WITH_OTHER_SITES = /^\/(embed\/|embed\.js$|oembed)/;

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
      const shared = SHARED_WITH_OTHER_SITES.test(req.path);
      res.setHeader('Cross-Origin-Resource-Policy', shared ? 'cross-origin' : 'same-origin');
      if (!req.path.startsWith('/embed/')) res.setHeader('X-Frame-Options', 'DENY');
      next();
    },
  ];
}
