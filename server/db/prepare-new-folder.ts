import { fork } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';

const SEED_SCRIPT = fileURLToPath(new URL('../cli/seed.ts', import.meta.url));

/** True when the embedded database in `dataDir` has never been created (`memory://` never persists). */
const isNewDataFolder = (dataDir: string) =>
  !dataDir.startsWith('memory://') && !fs.existsSync(path.join(dataDir, 'pg'));

/**
 * Creates a new embedded data folder (initdb, migrations, reference data, the demo set) in a child process
 * that exits when done. Done in the server's own process, creating it left about 440 MB resident for the
 * server's whole life against about 260 MB on an existing folder: initdb's and the seeding's memory is
 * held by PGlite's WebAssembly memory and glibc's heap, neither of which gives memory back to the system.
 * Closing PGlite and opening the folder again in the same process only brought it to 380–420 MB (a probe). The
 * server repeats the migrations and seeding afterwards, which finds them done: a child killed half-way
 * leaves nothing the server does not finish.
 */
export async function prepareNewDataFolder(dataDir: string, log: Logger) {
  if (!isNewDataFolder(dataDir)) return;
  const started = performance.now();
  // Same Node flags (tsx's loader included) and environment as this process.
  const child = fork(SEED_SCRIPT, ['--as-configured'], { stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`preparing the new data folder ${dataDir} failed (exit ${code ?? signal}); see the lines above`);
  log.info({ dataDir, childPid: child.pid, ms: Math.round(performance.now() - started) }, 'new data folder prepared in a child process');
}
