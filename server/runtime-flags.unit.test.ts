import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './runtime-flags.js';

describe('server runtime flags', () => {
  it('are the ones `npm run serve` uses, so tests and benchmarks run the server as users do', () => {
    const serve = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.serve;
    const expected = `${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} node ${SERVER_NODE_FLAGS.join(' ')} --import tsx server/main.ts`;
    expect(serve).toBe(expected);
  });
});
