import crypto from 'node:crypto';
import os from 'node:os';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { serialRuns } from './serial-runs.js';
import { webhookSignals } from './signals.js';

export type DeliverySettings = {
  /** How often the queue is read when nothing woke the worker. */
  pollMs: number;
  /** How long a receiver may take to answer one delivery. */
  timeoutMs: number;
  /** Tries before a delivery is marked failed (an admin can retry it from the log). */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deliveries claimed and sent at once. */
  batch: number;
};

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  pollMs: 2000, timeoutMs: 10_000, maxAttempts: 10, retryBaseMs: 30_000, retryMaxMs: 6 * 3600_000, batch: 10,
};

/** The wait before try `attempts + 1`: base × 2^(attempts − 1), capped: 30 s, 1 min, 2 min … 4 h 16 min by default. */
export const retryDelayMs = (attempts: number, s: Pick<DeliverySettings, 'retryBaseMs' | 'retryMaxMs'>) =>
  Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** Math.max(0, attempts - 1));

type Claimed = { id: string; event_id: string; event_type: string; body: string; attempts: number; url: string; secret: string };

/**
 * Takes up to `batch` due deliveries for this worker. `FOR UPDATE SKIP LOCKED` keeps two servers from taking the
 * same row at the same moment; the lease (`locked_until`) keeps them from taking it while this one sends. A worker
 * that dies mid-send leaves a lease that runs out, and another sends again: at least once, never twice at once.
 */
async function claim(prisma: PrismaClient, worker: string, s: DeliverySettings): Promise<Claimed[]> {
  const leaseMs = s.timeoutMs + 30_000;
  return prisma.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d
    SET locked_until = now() + (${leaseMs}::double precision * interval '1 millisecond'), locked_by = ${worker}, attempts = d.attempts + 1
    FROM webhook_endpoints e
    WHERE e.id = d.endpoint_id AND d.id IN (
      SELECT q.id FROM webhook_deliveries q JOIN webhook_endpoints qe ON qe.id = q.endpoint_id
      WHERE q.status = 'pending' AND q.next_attempt_at <= now() AND (q.locked_until IS NULL OR q.locked_until < now()) AND qe.disabled_at IS NULL
      ORDER BY q.next_attempt_at, q.created_at
      LIMIT ${s.batch}
      FOR UPDATE OF q SKIP LOCKED)
    RETURNING d.id, d.event_id, d.event_type, d.body, d.attempts, e.url, e.secret`;
}

type Outcome = { status: number | null; error: string | null; responseBody: string | null; durationMs: number; startedAt: Date };

/** Reads at most `max` characters of an answer, then stops reading: a receiver cannot make us hold megabytes. */
async function readStart(res: Response, max = 500): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < max) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text.slice(0, max);
}

async function send(d: Claimed, s: DeliverySettings): Promise<Outcome> {
  const startedAt = new Date();
  const started = performance.now();
  const done = (o: Omit<Outcome, 'durationMs' | 'startedAt'>): Outcome => ({ ...o, startedAt, durationMs: Math.round(performance.now() - started) });
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      // A redirect is not followed: the receiver answers at the URL the admin registered, or it failed.
      redirect: 'manual',
      signal: AbortSignal.timeout(s.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'landport-webhooks/1',
        'X-Landport-Event': d.event_type,
        'X-Landport-Event-Id': d.event_id,
        'X-Landport-Delivery': d.id,
        [SIGNATURE_HEADER]: signatureHeader(d.secret, d.body),
      },
      body: d.body,
    });
    const responseBody = await readStart(res).catch(() => null);
    const ok = res.status >= 200 && res.status < 300;
    return done({ status: res.status, error: ok ? null : `HTTP ${res.status}`, responseBody });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const error = e.name === 'TimeoutError' ? `no answer within ${s.timeoutMs} ms` : (e.cause?.code ?? e.message);
    return done({ status: null, error, responseBody: null });
  }
}

async function record(prisma: PrismaClient, d: Claimed, o: Outcome, worker: string, s: DeliverySettings) {
  const ok = o.error === null;
  const final = ok ? 'delivered' : d.attempts >= s.maxAttempts ? 'failed' : 'pending';
  const waitMs = retryDelayMs(d.attempts, s);
  await prisma.$transaction([
    prisma.webhookAttempt.create({
      data: { deliveryId: d.id, attempt: d.attempts, startedAt: o.startedAt, durationMs: o.durationMs, status: o.status, error: o.error, responseBody: o.responseBody, worker },
    }),
    prisma.$executeRaw`
      UPDATE webhook_deliveries SET status = ${final}, last_status = ${o.status}, last_error = ${o.error}, locked_until = NULL, locked_by = NULL,
        delivered_at = CASE WHEN ${ok} THEN now() ELSE NULL END,
        next_attempt_at = CASE WHEN ${final} = 'pending' THEN now() + (${waitMs}::double precision * interval '1 millisecond') ELSE next_attempt_at END
      WHERE id = ${d.id}::uuid`,
  ]);
}

/** Delivered and failed deliveries (and their tries) are kept this long for the log, then deleted. */
export const DELIVERY_LOG_DAYS = 30;
const PRUNE_EVERY_MS = 3600_000;

/** Deletes what the log no longer shows; pending deliveries are never touched. */
export async function pruneDeliveryLog(prisma: PrismaClient, days = DELIVERY_LOG_DAYS): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < now() - (${days}::double precision * interval '1 day')`;
}

export type WebhookWorker = {
  /** Sends what is due now; resolves with how many were tried. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for deliveries in flight (at most the receiver timeout). */
  stop(): Promise<void>;
  readonly id: string;
};

/** The queue reader of one app server. Every server may run one; the claim keeps them from sending one delivery twice at once. */
export function startWebhookWorker(prisma: PrismaClient, logger: Logger, settings: Partial<DeliverySettings> = {}): WebhookWorker {
  const s = { ...DEFAULT_DELIVERY_SETTINGS, ...settings };
  const id = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;

  let prunedAt = 0;
  const runOnce = async (): Promise<number> => {
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      await pruneDeliveryLog(prisma);
    }
    let tried = 0;
    for (;;) {
      const due = await claim(prisma, id, s);
      await Promise.all(due.map(async (d) => {
        const outcome = await send(d, s);
        await record(prisma, d, outcome, id, s);
        if (outcome.error) logger.warn({ delivery: d.id, event: d.event_type, attempt: d.attempts, error: outcome.error }, 'webhook delivery failed');
      }));
      tried += due.length;
      if (due.length < s.batch || runs.stopped) return tried;
    }
  };
  // One run at a time per worker; a wake-up during a run makes one more run after it.
  const runs = serialRuns(() => runOnce(), logger, 'webhook worker run');
  const tick = runs.wake;
  const timer = setInterval(tick, s.pollMs);
  timer.unref();
  webhookSignals.on('queued', tick);
  setImmediate(tick);

  return {
    id,
    runOnce,
    async stop() {
      clearInterval(timer);
      webhookSignals.off('queued', tick);
      await runs.stop();
    },
  };
}
