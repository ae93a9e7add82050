/**
 * The origin in absolute links we hand out (embed code, oEmbed, og:image): `PUBLIC_URL` when
 * set (behind a proxy or CDN), else what the request was addressed to.
 */
export function publicOrigin(req: { protocol: string; get(name: string): string | undefined }, publicUrl?: string): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.get('host')}`;
}
