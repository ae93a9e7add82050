import type { PrismaClient } from '../generated/prisma/client.js';

/** A raw SQL connection, for what Prisma cannot do: multi-statement scripts and locks. */
export interface SqlSession {
  exec(script: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** `COPY table (columns) FROM STDIN …` with `data` as its input: the fastest way rows get into a table. */
  copyFrom(sql: string, data: string): Promise<void>;
}

/**
 * The one storage seam. Everything above it talks to `prisma`; only the migration runner
 * and a few bulk paths need `withSession`, and nothing asks which kind of database it is
 * except health reporting.
 */
export interface Database {
  readonly kind: 'embedded' | 'postgresql';
  readonly prisma: PrismaClient;
  /**
   * For anonymous public reads, which tolerate a second of lag: a read replica's client when one is configured
   * (DATABASE_READ_URL), else the same client as `prisma`. Never for writes or for what a user just wrote.
   */
  readonly readPrisma: PrismaClient;
  /** Runs `fn` on one dedicated connection, inside a transaction when `transactional`. */
  withSession<T>(fn: (s: SqlSession) => Promise<T>, opts?: { transactional?: boolean }): Promise<T>;
  close(): Promise<void>;
}
