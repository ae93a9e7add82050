// Writes a gzip copy (level 9) beside every built file a browser fetches as text, so the server sends it as it
// is instead of compressing on each request: on this machine compression() spent 25–30 ms per MapLibre chunk and
// 155 ms on the 2 MB world basemap, on the map's critical path (server/http/precompressed-static.ts serves them).
// Run by `npm run build:app` after vite build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const PRECOMPRESSED_EXTENSIONS = /\.(js|mjs|css|json|html|svg|webmanifest|txt)$/;
/** As compression()'s threshold: smaller files gain nothing. */
const MIN_BYTES = 1024;

const dist = path.resolve(process.argv[2] ?? 'app/dist');
let files = 0;
let before = 0;
let after = 0;
for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !PRECOMPRESSED_EXTENSIONS.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = fs.readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const gzip = zlib.gzipSync(body, { level: 9 });
  fs.writeFileSync(`${file}.gz`, gzip);
  files++;
  before += body.length;
  after += gzip.length;
}
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB gzip`);
