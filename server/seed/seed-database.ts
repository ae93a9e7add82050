import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { seedCrossings } from './seed-crossings.js';
import { seedDemo } from './seed-demo.js';
import { seedTrade } from './seed-trade.js';

export type DemoPolicy = 'auto' | 'always' | 'never';

/**
 * Reference data always (idempotent). Demo observations when asked (`always`), or with
 * `auto` only on an embedded database with no observations yet: a new user's first run.
 * A PostgreSQL deployment never gets made-up rows unless someone asks.
 */
export async function seedDatabase(db: Database, demo: DemoPolicy, log?: Logger) {
  const crossings = await seedCrossings(db.prisma);
  const trade = await seedTrade(db.prisma);
  const wantDemo =
    demo === 'always' || (demo === 'auto' && db.kind === 'embedded' && (await db.prisma.observation.count()) === 0);
  const demoRows = wantDemo ? await seedDemo(db.prisma) : { created: 0 };
  log?.info({ crossings, trade, demo: { policy: demo, ...demoRows } }, 'seed done');
  return { crossings, trade, demo: demoRows };
}
