import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer } from '../test/spawn-server.js';
import { testDbKind } from '../test/test-database.js';

const dirs: string[] = [];
const newDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-new-folder-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// A new folder takes initdb, the migrations and the seeding: tens of seconds on a busy machine.
// Only the embedded database has a data folder to create: the PostgreSQL project has nothing to run here.
describe.skipIf(testDbKind !== 'embedded')('a server on a new embedded data folder', () => {
  it('creates, migrates and seeds it in a child process, then serves it from its own', async () => {
    const server = await spawnServer({ DATA_DIR: newDir(), DATABASE_URL: '', DEMO_DATA: 'auto' });
    try {
      const serverPid = server.child.pid;
      const line = (msg: string) => server.lines.filter((l) => l.msg === msg);
      const [prepared] = line('new data folder prepared in a child process');
      expect(prepared.childPid).not.toBe(serverPid);
      // The heavy first pass ran in the child; the server found everything done.
      expect(line('migrations applied').map((l) => l.pid)).toEqual([prepared.childPid]);
      expect(line('seed done').map((l) => [l.pid, (l.demo as { created: number }).created, (l.bts as { created: number }).created])).toEqual([
        [prepared.childPid, expect.any(Number), 6703],
        [serverPid, 0, 0],
      ]);
      expect((line('seed done')[0].demo as { created: number }).created).toBeGreaterThan(0);
      const crossings = await (await fetch(`${server.baseUrl}/api/crossings`)).json();
      // data/crossings.csv's 14 and the BTS extract's 100 US ports.
      expect(crossings.features).toHaveLength(114);
      const obs = await (await fetch(`${server.baseUrl}/api/observations?limit=1`)).json();
      expect(obs.items[0].synthetic).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it('does not start when the child cannot prepare the folder, and says why', async () => {
    const dir = newDir();
    // The folder is held by a live process (this one): the child must refuse it, and the server with it.
    fs.writeFileSync(path.join(dir, 'landport.lock'), String(process.pid));
    await expect(spawnServer({ DATA_DIR: dir, DATABASE_URL: '' })).rejects.toThrow(/exited with 1 before it was ready/);
    expect(fs.existsSync(path.join(dir, 'pg'))).toBe(false);
  });

  it('starts on an existing folder without a child', async () => {
    const dir = newDir();
    await (await spawnServer({ DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'never' })).stop();
    const server = await spawnServer({ DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'never' });
    try {
      expect(server.lines.some((l) => l.msg === 'new data folder prepared in a child process')).toBe(false);
      expect(server.lines.find((l) => l.msg === 'schema up to date')?.pid).toBe(server.child.pid);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
