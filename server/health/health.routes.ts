import { Router } from 'express';
import type { Database } from '../db/database.js';
import { getMigrationStatus } from '../db/migrate.js';
import { APP_VERSION } from '../version.js';
import type { HealthDto } from '../contracts/meta.js';

const memory = () => {
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / 1e6), heapUsedMb: Math.round(m.heapUsed / 1e6), heapTotalMb: Math.round(m.heapTotal / 1e6), externalMb: Math.round(m.external / 1e6) };
};

/** Liveness and readiness in one: 200 only when the database answers and no migration is pending. */
export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const migrations = await getMigrationStatus(db);
      // Public reads go to the replica when there is one: it must answer too.
      const replica = db.readPrisma === db.prisma ? 'none' : (await db.readPrisma.$queryRaw`SELECT 1`, 'reachable');
      const ok = migrations.pending.length === 0;
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'migrations_pending',
        version: APP_VERSION,
        database: { kind: db.kind, reachable: true, readReplica: replica },
        migrations,
        // For operators and the benchmarks: how much of the process is live JavaScript heap.
        memory: memory(),
      } satisfies HealthDto);
    } catch (err) {
      req.log?.warn({ err }, 'health check: database unreachable');
      res.status(503).json({
        status: 'database_unreachable',
        version: APP_VERSION,
        database: { kind: db.kind, reachable: false },
      });
    }
  });
  return router;
}
