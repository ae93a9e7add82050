import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_SHELL, SERVER_ENV, serverNodeFlags } from './runtime-flags.js';

describe('server runtime flags', () => {
  it('are the ones `npm run serve` uses, so tests and benchmarks run the server as users do', () => {
    const serve = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.serve;
    const expected = `${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} node --max-old-space-size=384 --max-semi-space-size=${SEMI_SPACE_SHELL} --import tsx server/main.ts`;
    expect(serve).toBe(expected);
  });

  it('choose the semi-spaces in the shell as serverNodeFlags does, with and without DATABASE_URL', () => {
    for (const env of [{ DATABASE_URL: 'postgresql://db/landport' }, { DATABASE_URL: '' }, {}]) {
      const shell = execFileSync('sh', ['-c', `echo --max-semi-space-size=${SEMI_SPACE_SHELL}`], { env: { PATH: process.env.PATH, ...env } }).toString().trim();
      expect(shell).toBe(serverNodeFlags(env)[1]);
    }
    expect(serverNodeFlags({ DATABASE_URL: 'postgresql://db/landport' })[1]).toBe('--max-semi-space-size=32');
    expect(serverNodeFlags({})[1]).toBe('--max-semi-space-size=8');
  });
});
