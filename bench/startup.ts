// Cold and warm start of the server process on each database, and its memory at idle.
// Usage: npx tsx bench/startup.ts [postgresql://… admin URL]   (PostgreSQL is skipped without one)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../server/test/scratch-database.js';
import { spawnServer } from '../server/test/spawn-server.js';
import { rssOf } from './server-memory.js';

type Run = { readyMs: number; wallMs: number; rssMb: number };

async function startAndMeasure(env: Record<string, string>): Promise<Run> {
  const t0 = performance.now();
  const server = await spawnServer({ DEMO_DATA: 'auto', ...env });
  const wallMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5000)); // idle
  const rssMb = rssOf(server.child.pid!) / 2 ** 20;
  await server.stop();
  return { readyMs: server.readyMs, wallMs: Math.round(wallMs), rssMb: Math.round(rssMb) };
}

const print = (label: string, r: Run) =>
  console.log(`${label.padEnd(34)} ready ${String(r.readyMs).padStart(5)} ms (wall ${r.wallMs} ms)  idle RSS ${r.rssMb} MB`);

console.log(`node ${process.version}, ${os.cpus().length} cores; times include migrations and seeding`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-bench-'));
print('embedded, new folder (+demo set)', await startAndMeasure({ DATA_DIR: dir, DATABASE_URL: '' }));
print('embedded, existing folder', await startAndMeasure({ DATA_DIR: dir, DATABASE_URL: '' }));
fs.rmSync(dir, { recursive: true, force: true });

const admin = process.argv[2];
if (admin) {
  const scratch = await createScratchDatabase(admin, 'landport_bench');
  print('postgresql, new database', await startAndMeasure({ DATABASE_URL: scratch.url }));
  print('postgresql, existing database', await startAndMeasure({ DATABASE_URL: scratch.url }));
  await scratch.drop();
} else {
  console.log('postgresql: skipped (pass an admin URL)');
}
