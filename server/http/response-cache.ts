import zlib from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { canSeeUnreviewed } from '../auth/current-user.js';
import { TtlCache } from './ttl-cache.js';
import { shortHash } from './short-hash.js';
import { GZIP_LEVEL, gzipJsonInOneStep } from './gzip-json.js';

// Only the gzip is kept (a seventh of the JSON): the rare client that takes no gzip gets it unzipped.
type Entry = { gzip: Buffer; etag: string };

function send(req: Request, res: Response, entry: Entry, cacheControl: string) {
  res.setHeader('ETag', entry.etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept-Encoding, Authorization, Cookie');
  res.type('json');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  // Compressed once when cached, not per request (compression() leaves an encoded body alone).
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(entry.gzip);
  } else res.end(zlib.gunzipSync(entry.gzip));
}

/**
 * Reuses a read endpoint's JSON for `ttlSeconds`: the first request computes it, requests
 * arriving meanwhile wait for that one result, later ones get it from memory, gzip done once,
 * and `If-None-Match` is answered with a 304 before any work. Only for callers who see what the
 * public sees (approved data): analysts always get a fresh answer, and theirs is never stored.
 * Per process and short: a second server agrees within the same window.
 */
export function responseCache(ttlSeconds: number, maxEntries = 300): RequestHandler {
  const cache = new TtlCache<Entry>(maxEntries, ttlSeconds * 1000);
  const publicControl = `public, max-age=${ttlSeconds}, stale-while-revalidate=${ttlSeconds * 6}`;
  return async (req, res, next) => {
    // Analysts see their own approvals at once: only what the public sees is reused.
    if (req.method !== 'GET' || ttlSeconds <= 0 || canSeeUnreviewed(req.user)) {
      gzipJsonInOneStep(req, res);
      return next();
    }
    const key = req.originalUrl;
    const cacheControl = publicControl;
    let computing = false;
    const entry = cache.get(key, () => {
      computing = true;
      return new Promise<Entry>((resolve, reject) => {
        const json = res.json.bind(res);
        res.json = (body: unknown) => {
          if (res.statusCode !== 200) {
            reject(new Error('not cacheable'));
            return json(body);
          }
          const text = Buffer.from(JSON.stringify(body));
          const made = { gzip: zlib.gzipSync(text, { level: GZIP_LEVEL }), etag: `W/"${shortHash(text)}"` };
          resolve(made);
          send(req, res, made, cacheControl);
          return res;
        };
        res.on('close', () => reject(new Error('closed before an answer')));
        next();
      });
    });
    if (computing) {
      entry.catch(() => {});
      return;
    }
    try {
      send(req, res, await entry, cacheControl);
    } catch {
      // The computing request failed (a 4xx, a database error): this one runs the route itself.
      next();
    }
  };
}
