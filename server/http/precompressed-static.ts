import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Serves the gzip copy the build wrote beside a static file (app/build/precompress.ts) to clients that take gzip:
 * rewrites the request to `<file>.gz` for express.static, with the original file's type, `Content-Encoding: gzip`
 * and `Vary: Accept-Encoding`; compression() then leaves it alone. Which files have a copy is read once at start
 * (the build does not change while the server runs), so a request never touches the disk to find out.
 */
export function precompressedStatic(staticDir: string): RequestHandler {
  const copies = new Set<string>();
  for (const entry of fs.readdirSync(staticDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.gz')) {
      const file = path.join(entry.parentPath, entry.name.slice(0, -3));
      if (fs.existsSync(file)) copies.add(`/${path.relative(staticDir, file).split(path.sep).join('/')}`);
    }
  }
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = req.path.endsWith('/') ? `${req.path}index.html` : req.path;
    if (!copies.has(file) || req.acceptsEncodings('gzip') !== 'gzip') {
      // The plain file may be sent, but a cache must keep the two apart.
      if (copies.has(file)) res.vary('Accept-Encoding');
      return next();
    }
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', 'gzip');
    res.vary('Accept-Encoding');
    const query = req.url.slice(req.path.length);
    req.url = `${file}.gz${query}`;
    next();
  };
}

/** The name of the file a static response sends, without the `.gz` of a precompressed copy (for its cache headers). */
export const servedName = (name: string) => name.replace(/\.gz$/, '');
