import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';

function clientPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => {});
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

/**
 * A PostgreSQL server through node-postgres; Prisma and raw sessions share one pool. With `readUrl` (a read
 * replica), anonymous public reads get a client of their own on it.
 */
export async function openPostgres(url: string, readUrl?: string): Promise<Database> {
  const { pool, prisma } = clientPool(url);
  const replica = readUrl ? clientPool(readUrl) : undefined;

  return {
    kind: 'postgresql',
    prisma,
    readPrisma: replica?.prisma ?? prisma,
    isLocal: false,
    runsOnMainThread: false,
    withSession: async (fn, opts) => {
      const client = await pool.connect();
      try {
        const session = {
          exec: async (script: string) => {
            await client.query(script);
          },
          query: async <Row>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)).rows as Row[],
          copyFrom: async (sql: string, data: string) => {
            await pipeline(Readable.from([data]), client.query(copyFromStdin(sql)));
          },
        };
        if (!opts?.transactional) return await fn(session);
        await client.query('BEGIN');
        try {
          const result = await fn(session);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await replica?.prisma.$disconnect();
      await replica?.pool.end();
    },
  };
}
