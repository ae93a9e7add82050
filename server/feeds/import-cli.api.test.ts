import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../test/scratch-database.js';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-cli-'));
let databaseUrl = '';
let drop = async () => {};
const cli = (...args: string[]) =>
  run('npx', ['tsx', 'server/cli/import-feed.ts', ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, maxBuffer: 10_000_000 });

// The command line on a database of its own, of the kind this project tests: what an operator runs.
beforeAll(async () => {
  if (process.env.LANDPORT_TEST_DB !== 'postgres') return;
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'landport_cli');
  databaseUrl = scratch.url;
  drop = scratch.drop;
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run import:bts / import:trade / import:cbp', () => {
  it('imports the BTS extract, then finds it all stored the second time', async () => {
    const first = JSON.parse((await cli('bts', 'data/bts_border_crossing_trucks_2020_2021.csv', '--retrieved=2026-11-01')).stdout);
    expect(first).toMatchObject({ committed: true, rows: 6703, created: 6703 });
    const again = JSON.parse((await cli('bts', 'data/bts_border_crossing_trucks_2020_2021.csv', '--retrieved=2026-11-01', '--dry-run')).stdout);
    expect(again).toMatchObject({ dryRun: true, created: 0, existing: 6703 });
  }, 120_000);

  it('imports the trade file in data/ and a saved CBP snapshot', async () => {
    const trade = JSON.parse((await cli('trade', 'data/cn_dprk_monthly_trade.csv', '--retrieved=2026-11-01')).stdout);
    expect(trade).toMatchObject({ committed: true, layout: 'landport', invalid: 0 });
    expect(trade.created + trade.existing).toBeGreaterThan(100);
    // Made-up waits in CBP's layout.
    const snapshot = path.join(dir, 'bwt.json');
    fs.writeFileSync(snapshot, JSON.stringify([{ port_number: '250601', border: 'Mexican Border', port_name: 'Otay Mesa', date: '07/04/2025',
      commercial_vehicle_lanes: { standard_lanes: { update_time: 'At Noon PDT', delay_minutes: '45', lanes_open: '6' } } }]));
    const cbp = await cli('cbp', snapshot, '--fetched=2025-07-04T19:05:00Z');
    expect(JSON.parse(cbp.stdout)).toMatchObject({ committed: true, layout: 'cbp-bwt', rows: 1, created: 1 });
    expect(cbp.stderr).toContain('1 rows stored');
    const again = JSON.parse((await cli('cbp', snapshot, '--fetched=2025-07-04T19:05:00Z', '--dry-run')).stdout);
    expect(again).toMatchObject({ dryRun: true, created: 0, existing: 1 });
  }, 120_000);

  it('says how to call it when an argument is missing, with exit code 2', async () => {
    const err = await cli('trade', 'data/cn_dprk_monthly_trade.csv').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain('retrievedAt: must be the date the file was downloaded');
  });
});
