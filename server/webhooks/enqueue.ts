import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { SqlSession } from '../db/database.js';
import type { WebhookEventType } from '../contracts/webhooks.js';

/** Where an event can be queued: Prisma (a client or a transaction), or a raw session (a bulk import's COPY transaction). */
export type EventWriter = PrismaClient | Prisma.TransactionClient | SqlSession;

/** What a receiver gets: one JSON object per event; `id` is the same for every endpoint and every retry. */
export type WebhookEventBody<T = unknown> = { id: string; type: WebhookEventType; createdAt: string; data: T };

// One delivery row per endpoint that asked for the type (or for the one endpoint named), in one statement.
const FOR_SUBSCRIBERS = `
  INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body)
  SELECT gen_random_uuid(), e.id, $1::uuid, $2, $3 FROM webhook_endpoints e
  WHERE e.disabled_at IS NULL AND $2 = ANY(e.events)
  RETURNING id`;
const FOR_ONE_ENDPOINT = `
  INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body)
  SELECT gen_random_uuid(), e.id, $1::uuid, $2, $3 FROM webhook_endpoints e WHERE e.id = $4::uuid
  RETURNING id`;

const query = (db: EventWriter, sql: string, params: unknown[]) =>
  ('$queryRawUnsafe' in db ? db.$queryRawUnsafe<{ id: string }[]>(sql, ...params) : db.query<{ id: string }>(sql, params));

/**
 * Queues an event for every enabled endpoint that asked for its type (or for `endpointId` only), in the caller's
 * transaction: the event exists exactly when the change it reports was committed. Returns the deliveries queued.
 */
export async function enqueueWebhookEvent(db: EventWriter, type: WebhookEventType, data: unknown, opts: { endpointId?: string } = {}): Promise<{ eventId: string; deliveryIds: string[] }> {
  const eventId = crypto.randomUUID();
  const body = JSON.stringify({ id: eventId, type, createdAt: new Date().toISOString(), data } satisfies WebhookEventBody);
  const rows = opts.endpointId
    ? await query(db, FOR_ONE_ENDPOINT, [eventId, type, body, opts.endpointId])
    : await query(db, FOR_SUBSCRIBERS, [eventId, type, body]);
  return { eventId, deliveryIds: rows.map((r) => r.id) };
}
