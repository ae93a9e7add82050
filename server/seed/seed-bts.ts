import crypto from 'node:crypto';
import fs from 'node:fs';
import type { PrismaClient } from '../generated/prisma/client.js';
import { importBts } from '../feeds/import-bts.js';
import { DATA_DIR } from './read-csv.js';

export const BTS_DATA_FILE = `${DATA_DIR}bts_border_crossing_trucks_2020_2021.csv`;
/** When landport's copy of the extract was taken (data/README.md): recorded as the rows' retrieval date. */
const COPIED_ON = '2026-12-01';
const FEED = 'seed:bts';
/** Who the seeded rows say submitted them. */
export const BTS_SEED_LABEL = 'landport seed (data/)';

/**
 * The real BTS truck counts in `data/` as the approved, sourced `customs` observations they are, through the
 * same importer an analyst uses (a crossing per port, an observation per measure and month). Idempotent: the
 * file's hash is recorded once it is in, so later starts skip it at the cost of one lookup; a database that
 * already holds the rows (imported by hand) finds them all "existing".
 */
export async function seedBts(prisma: PrismaClient): Promise<{ created: number; existing: number }> {
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(BTS_DATA_FILE)).digest('hex');
  if (await prisma.feedSnapshot.findUnique({ where: { feed_sha256: { feed: FEED, sha256 } } })) return { created: 0, existing: 0 };
  const report = await importBts(prisma, BTS_DATA_FILE, { dryRun: false, retrievedAt: COPIED_ON }, { userId: null, label: BTS_SEED_LABEL }, { maxRows: 100_000 });
  if (!report.committed) {
    throw new Error(`data/bts_border_crossing_trucks_2020_2021.csv did not load: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  // Two servers seeding at once: the second finds the snapshot row there and moves on.
  await prisma.feedSnapshot.createMany({ data: [{ feed: FEED, sha256, observationsCreated: report.created }], skipDuplicates: true });
  return { created: report.created, existing: report.existing };
}
