// Cold and warm start of the server process on each database, and its memory at idle.
// Usage: npx tsx bench/startup.ts [postgresql://… admin URL]   (PostgreSQL is skipped without one)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

type Run = { readyMs: number; wallMs: number; rssMb: number };

async function startAndMeasure(env: Record<string, string>): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const readyMs = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c;
      for (const line of buf.split('\n')) if (line.includes('"readyMs"')) resolve(JSON.parse(line).readyMs);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const wallMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5000)); // idle
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  child.kill('SIGTERM');
  await once(child, 'exit');
  return { readyMs, wallMs: Math.round(wallMs), rssMb: Math.round(rssMb) };
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
  const name = `landport_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  print('postgresql, new database', await startAndMeasure({ DATABASE_URL: url.toString() }));
  print('postgresql, existing database', await startAndMeasure({ DATABASE_URL: url.toString() }));
  await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await c.end();
} else {
  console.log('postgresql: skipped (pass an admin URL)');
}
