import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { BTS_SEED_LABEL, seedBts } from './seed-bts.js';
import { seedCrossings } from './seed-crossings.js';
import { seedDemo } from './seed-demo.js';
import { seedTrade } from './seed-trade.js';

export type DemoPolicy = 'auto' | 'always' | 'never';

/** Observations other than the reference rows the seed itself loads (the BTS counts). */
const ownObservations = (db: Database) => db.prisma.observation.count({ where: { NOT: { submittedBy: BTS_SEED_LABEL } } });

/**
 * Reference data always (idempotent): crossings, trade figures and the real BTS truck counts. Demo observations when asked (`always`), or with
 * `auto` only on a local database (the embedded one, Database.isLocal) with no observations yet but the reference rows:
 * a new user's first run. A shared deployment (PostgreSQL) never gets made-up rows unless someone asks.
 */
export async function seedDatabase(db: Database, demo: DemoPolicy, log?: Logger) {
  const crossings = await seedCrossings(db.prisma);
  const trade = await seedTrade(db.prisma);
  const wantDemo =
    demo === 'always' || (demo === 'auto' && db.isLocal && (await ownObservations(db)) === 0);
  const bts = await seedBts(db.prisma);
  const demoRows = wantDemo ? await seedDemo(db.prisma) : { created: 0 };
  log?.info({ crossings, trade, bts, demo: { policy: demo, ...demoRows } }, 'seed done');
  return { crossings, trade, bts, demo: demoRows };
}
