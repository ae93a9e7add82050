import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDirLock } from './dir-lock.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('acquireDirLock', () => {
  it('refuses a folder locked by another live process, naming it', async () => {
    const dir = tempDir();
    const other = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dir, 'landport.lock'), String(other.pid));
      expect(() => acquireDirLock(dir)).toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const dir = tempDir();
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    fs.writeFileSync(path.join(dir, 'landport.lock'), String(gone.pid));
    const release = acquireDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'landport.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'landport.lock'))).toBe(false);
  });
});
