import { HttpError } from './http-error.js';

const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/**
 * The origin in absolute links we hand out (embed code, oEmbed, og:image): `PUBLIC_URL` when
 * set (behind a proxy or CDN), else what the request was addressed to — its Host header, and
 * with `TRUST_PROXY` the proxy's X-Forwarded-Proto/Host. A Host that is not a host name is refused
 * rather than written into pages and links.
 */
export function publicOrigin(req: { protocol: string; get(name: string): string | undefined }, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = req.get('host') ?? '';
  if (!HOST.test(host)) throw new HttpError(400, 'invalid_host', 'The Host header is not a host name');
  return `${req.protocol}://${host}`;
}
