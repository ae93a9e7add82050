/**
 * How the server process is started, in one place: `npm run serve` (package.json) passes the same, and a test
 * keeps the two equal. Measured in bench/series-load.ts (docs/performance.md):
 * - an old space capped at 384 MB (twice what a 1,000,000-row import was seen to hold) makes V8 collect garbage
 *   instead of growing into whatever memory the machine has: RSS under read load stayed under 300 MB, not 600+;
 * - 32 MB semi-spaces for the young generation: a bulk import makes short-lived objects for every row, and with
 *   8 MB the scavenges took its Node time from 19.7 to 27.9 s for 200,000 rows (16 MB: 23.9 s), which made the
 *   import a third slower; the larger young generation costs tens of MB of RSS, within the 300 MB budget;
 * - two malloc arenas instead of one per thread stop glibc keeping freed native memory (zlib, TLS buffers) in
 *   arenas of their own.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=384', '--max-semi-space-size=32'];
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
