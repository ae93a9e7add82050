/**
 * How the server process is started, in one place: `npm run serve` (package.json) passes the same, and a test
 * keeps the two equal. Measured in bench/series-load.ts (docs/performance.md):
 * - a smaller V8 young generation (8 MB semi-spaces) and an old space capped at 384 MB (twice what a 1,000,000-row import was seen to hold) make V8 collect garbage
 *   instead of growing into whatever memory the machine has: RSS under read load stayed under 300 MB, not 600+;
 * - two malloc arenas instead of one per thread stop glibc keeping freed native memory (zlib, TLS buffers) in
 *   arenas of their own.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=384', '--max-semi-space-size=8'];
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
