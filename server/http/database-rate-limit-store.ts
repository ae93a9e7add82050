import crypto from 'node:crypto';
import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * express-rate-limit's counters in the database, so that every app server behind a load balancer counts
 * against one limit (a per-process memory store lets N servers allow N times the limit). One upsert per
 * request: a window that has run out starts again at 1. Keys are stored hashed with the limiter's name.
 */
export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    /** Which limiter: the same client key counts separately for sign-in and uploads. */
    readonly prefix: string,
  ) {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  private hash(key: string) {
    return crypto.createHash('sha256').update(`${this.prefix}\u0000${key}`).digest('hex');
  }

  async increment(key: string): Promise<IncrementResponse> {
    const [row] = await this.prisma.$queryRaw<{ hits: number; reset_at: Date }[]>`
      INSERT INTO rate_limit_hits (key, hits, reset_at)
      VALUES (${this.hash(key)}, 1, now() + ${this.windowMs} * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN rate_limit_hits.reset_at <= now() THEN 1 ELSE rate_limit_hits.hits + 1 END,
        reset_at = CASE WHEN rate_limit_hits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limit_hits.reset_at END
      RETURNING hits, reset_at`;
    await this.sweepNowAndThen();
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** The count in the current window, without adding to it. */
  async get(key: string): Promise<IncrementResponse | undefined> {
    const [row] = await this.prisma.$queryRaw<{ hits: number; reset_at: Date }[]>`
      SELECT hits, reset_at FROM rate_limit_hits WHERE key = ${this.hash(key)} AND reset_at > now()`;
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async decrement(key: string) {
    await this.prisma.$executeRaw`UPDATE rate_limit_hits SET hits = greatest(hits - 1, 0) WHERE key = ${this.hash(key)}`;
  }

  async resetKey(key: string) {
    await this.prisma.$executeRaw`DELETE FROM rate_limit_hits WHERE key = ${this.hash(key)}`;
  }

  /** Counters whose window ended are dead weight: dropped at most once a window, by whichever server passes. */
  private async sweepNowAndThen() {
    if (Date.now() - this.lastSweep < this.windowMs) return;
    this.lastSweep = Date.now();
    await this.prisma.$executeRaw`DELETE FROM rate_limit_hits WHERE reset_at < now() - interval '1 minute'`;
  }
}
