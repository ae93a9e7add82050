/**
 * How the server process is started, in one place: `npm run serve` (package.json) passes the same, and a test
 * keeps the two equal. Measured in bench/series-load.ts, bench/import-cpu.ts and by hand (docs/performance.md):
 * - an old space capped at 384 MB (twice what a 1,000,000-row import was seen to hold) makes V8 collect garbage
 *   instead of growing into whatever memory the machine has: RSS under read load stayed under 300 MB, not 600+;
 * - the young generation's semi-spaces by database. On PostgreSQL, 32 MB: a bulk import makes short-lived objects
 *   for every row, and with 8 MB the scavenges took its Node time from 19.7 to 27.9 s for 200,000 rows (16 MB:
 *   23.9 s), a third slower; it costs about 50 MB of RSS (232 MB after a 1,000,000-row import). On the embedded
 *   database, 8 MB: there PGlite's WebAssembly memory lives in the same process and never shrinks, and 32 MB took
 *   the idle server from 269 to 307 MB;
 * - two malloc arenas instead of one per thread stop glibc keeping freed native memory (zlib, TLS buffers) in
 *   arenas of their own.
 */
export const SEMI_SPACE_MB = { postgresql: 32, embedded: 8 };

/** The Node flags for a server with this environment (DATABASE_URL set or not). */
export const serverNodeFlags = (env: Record<string, string | undefined>) => [
  '--max-old-space-size=384',
  `--max-semi-space-size=${env.DATABASE_URL ? SEMI_SPACE_MB.postgresql : SEMI_SPACE_MB.embedded}`,
];

/** The same choice as `npm run serve` makes it, in the shell. */
export const SEMI_SPACE_SHELL = `$([ -n "$DATABASE_URL" ] && echo ${SEMI_SPACE_MB.postgresql} || echo ${SEMI_SPACE_MB.embedded})`;

export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
