// `npm run import:bts -- FILE --retrieved=YYYY-MM-DD [--dry-run]`
// `npm run import:trade -- FILE --retrieved=YYYY-MM-DD [--dry-run]` (our CSV layout or UN Comtrade's)
// Imports into the configured database (DATABASE_URL, else the embedded one in DATA_DIR) with
// progress on stderr and the report as JSON on stdout; exit code 1 when nothing was committed.
import { loadConfig } from '../config.js';
import { feedImportOptions, type FeedImportReport } from '../contracts/imports.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';
import { importBts } from '../interop/import-bts.js';
import { importTrade } from '../interop/import-trade.js';

const [kind, file, ...flags] = process.argv.slice(2);
const retrieved = flags.find((f) => f.startsWith('--retrieved='))?.slice('--retrieved='.length);
const parsed = feedImportOptions.safeParse({ dryRun: flags.includes('--dry-run'), retrievedAt: retrieved });
if (!file || (kind !== 'bts' && kind !== 'trade') || !parsed.success) {
  console.error(`usage: npm run import:${kind ?? 'bts'} -- FILE --retrieved=YYYY-MM-DD [--dry-run]`);
  if (!parsed.success) for (const i of parsed.error.issues) console.error(`  ${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await startStorage(config, log);
const by = { userId: null, label: `${kind} import (command line)` };
const progress = (rows: number) => process.stderr.write(`\r${rows.toLocaleString('en')} rows read`);
let report: FeedImportReport;
try {
  report = kind === 'bts'
    ? await importBts(db.prisma, file, parsed.data, by, { maxRows: 10_000_000 }, progress)
    : await importTrade(db.prisma, file, parsed.data, by, { maxRows: 10_000_000 }, progress);
} finally {
  await db.close();
}
process.stderr.write('\n');
console.log(JSON.stringify(report, null, 2));
process.exit(report.dryRun || report.committed ? 0 : 1);
