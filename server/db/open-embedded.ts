import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database, SqlSession } from './database.js';
import { acquireDirLock } from './dir-lock.js';

/**
 * PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, which never shrinks: the
 * embedded server idled at 380 MB RSS. Its files are read through Node's fs, so the operating system's page cache
 * still holds the hot data; 16 MB of buffers brought idle RSS to about 260 MB (docs/performance.md).
 */
const EMBEDDED_POSTGRESQL_CONF = ['shared_buffers = 16MB'];

/**
 * Embedded PostgreSQL (PGlite, WASM) in `dataDir`, or in memory when dataDir is `memory://`.
 * PGlite is one connection in this process, so a lock file keeps a second process out of
 * the same folder: two writers would corrupt it.
 */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  let pgDir = dataDir;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDirLock(dataDir);
    pgDir = path.join(dataDir, 'pg');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(pgDir, { postgresqlconf: EMBEDDED_POSTGRESQL_CONF });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });

  const session = (q: Pick<PGlite, 'exec' | 'query'>): SqlSession => ({
    exec: async (script) => {
      await q.exec(script);
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await q.query<Row>(sql, params)).rows,
    // PGlite reads COPY's input from a blob it names /dev/blob.
    copyFrom: async (sql, data) => {
      await q.query(sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
    },
  });

  return {
    kind: 'embedded',
    prisma,
    readPrisma: prisma,
    isLocal: true,
    runsOnMainThread: true,
    withSession: (fn, opts) =>
      opts?.transactional ? pglite.transaction((tx) => fn(session(tx))) : fn(session(pglite)),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      releaseLock();
    },
  };
}
