// `npm run import:bts -- FILE --retrieved=YYYY-MM-DD [--dry-run]`
// `npm run import:trade -- FILE --retrieved=YYYY-MM-DD [--dry-run]` (our CSV layout or UN Comtrade's)
// `npm run import:cbp -- FILE --fetched=DATE-TIME [--source-url=URL] [--dry-run]` (a saved CBP wait-times snapshot)
// Imports into the configured database (DATABASE_URL, else the embedded one in DATA_DIR) with
// progress on stderr and the report as JSON on stdout; exit code 1 when nothing was committed.
import type { z } from 'zod';
import { loadConfig } from '../config.js';
import { cbpImportOptions, feedImportOptions, type FeedImportReport } from '../contracts/imports.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';
import { importBts } from '../feeds/import-bts.js';
import { importCbp } from '../feeds/import-cbp.js';
import { importTrade } from '../feeds/import-trade.js';

const USAGE: Record<string, string> = {
  bts: 'FILE --retrieved=YYYY-MM-DD [--dry-run]',
  trade: 'FILE --retrieved=YYYY-MM-DD [--dry-run]',
  cbp: 'FILE --fetched=2025-07-04T19:05:00Z [--source-url=URL] [--dry-run]',
};

const [kind, file, ...flags] = process.argv.slice(2);
const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3);
const parsed: z.ZodSafeParseResult<unknown> = kind === 'cbp'
  ? cbpImportOptions.safeParse({ dryRun: flags.includes('--dry-run'), fetchedAt: flag('fetched'), sourceUrl: flag('source-url') })
  : feedImportOptions.safeParse({ dryRun: flags.includes('--dry-run'), retrievedAt: flag('retrieved') });
if (!file || !(kind! in USAGE) || !parsed.success) {
  console.error(`usage: npm run import:${kind && kind in USAGE ? kind : 'bts|trade|cbp'} -- ${USAGE[kind!] ?? USAGE.bts}`);
  if (parsed.error) for (const i of parsed.error.issues) console.error(`  ${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await startStorage(config, log);
const by = { userId: null, label: `${kind} import (command line)` };
const progress = (rows: number, phase: 'read' | 'write' = 'read') =>
  process.stderr.write(`\r${rows.toLocaleString('en')} rows ${phase === 'read' ? 'read' : 'stored'}   `);
let report: FeedImportReport;
try {
  const limits = { maxRows: 10_000_000 };
  const options = parsed.data as never;
  report = kind === 'bts' ? await importBts(db.prisma, file, options, by, limits, progress)
    : kind === 'trade' ? await importTrade(db.prisma, file, options, by, limits, progress)
    : await importCbp(db.prisma, file, options, by, progress);
} finally {
  await db.close();
}
process.stderr.write('\n');
console.log(JSON.stringify(report, null, 2));
process.exit(report.dryRun || report.committed ? 0 : 1);
