import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { WebhookEventType } from '../contracts/webhooks.js';

type Writer = PrismaClient | Prisma.TransactionClient;

/** What a receiver gets: one JSON object per event; `id` is the same for every endpoint and every retry. */
export type WebhookEventBody<T = unknown> = { id: string; type: WebhookEventType; createdAt: string; data: T };

/**
 * Queues an event for every enabled endpoint that asked for its type (or for the given endpoints only), in the
 * caller's transaction: the event exists exactly when the change it reports was committed. Returns the deliveries queued.
 */
export async function enqueueWebhookEvent(db: Writer, type: WebhookEventType, data: unknown, opts: { endpointIds?: string[] } = {}): Promise<{ eventId: string; deliveryIds: string[] }> {
  const endpoints = await db.webhookEndpoint.findMany({
    where: opts.endpointIds ? { id: { in: opts.endpointIds } } : { disabledAt: null, events: { has: type } },
    select: { id: true },
  });
  const eventId = crypto.randomUUID();
  if (!endpoints.length) return { eventId, deliveryIds: [] };
  const body = JSON.stringify({ id: eventId, type, createdAt: new Date().toISOString(), data } satisfies WebhookEventBody);
  const rows = endpoints.map((e) => ({ id: crypto.randomUUID(), endpointId: e.id, eventId, eventType: type, body }));
  await db.webhookDelivery.createMany({ data: rows });
  return { eventId, deliveryIds: rows.map((r) => r.id) };
}
