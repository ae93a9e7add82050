import type { PrismaClient } from '../generated/prisma/client.js';

/** A raw SQL connection, for what Prisma cannot do: multi-statement scripts and locks. */
export interface SqlSession {
  exec(script: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** `COPY table (columns) FROM STDIN …` with `data` as its input: the fastest way rows get into a table. */
  copyFrom(sql: string, data: string): Promise<void>;
}

/**
 * The one storage seam. Everything above it talks to `prisma`; only the migration runner and a few bulk paths
 * need `withSession`. Where the two databases differ, a property here says what the difference means; nothing
 * asks which kind of database it is except health reporting and logs.
 */
export interface Database {
  /** For health reporting and logs only: behaviour goes by the properties below. */
  readonly kind: 'embedded' | 'postgresql';
  readonly prisma: PrismaClient;
  /**
   * For anonymous public reads, which tolerate a second of lag: a read replica's client when one is configured
   * (DATABASE_READ_URL), else the same client as `prisma`. Never for writes or for what a user just wrote.
   */
  readonly readPrisma: PrismaClient;
  /**
   * The database lives in this process, in a folder only it opens (the embedded one): a personal install, not a
   * deployment others share. A first run there gets demo data (seed-database.ts); its data folder is worth logging.
   */
  readonly isLocal: boolean;
  /**
   * The database does its work on this thread (PGlite, WebAssembly): while a statement runs nothing else in the
   * process does, so CPU-heavy work that can run elsewhere should (run-import.ts checks a large file's rows on a
   * worker thread). PostgreSQL works in processes of its own, in parallel with this one.
   */
  readonly runsOnMainThread: boolean;
  /**
   * Runs `fn` on one dedicated connection, inside a transaction when `transactional`. While a transactional
   * session runs, `fn` must not use `prisma`: on the embedded database the session holds its only connection,
   * so such a call would wait for the transaction to end.
   */
  withSession<T>(fn: (s: SqlSession) => Promise<T>, opts?: { transactional?: boolean }): Promise<T>;
  close(): Promise<void>;
}
