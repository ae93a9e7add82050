import type { PrismaClient, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../generated/prisma/client.js';
import type { WebhookDeliveryDto, WebhookDto } from '../contracts/webhooks.js';

type Counts = WebhookDto['deliveries'];
const NO_DELIVERIES: Counts = { pending: 0, delivered: 0, failed: 0 };

/** Deliveries per endpoint and status, and the latest delivery, for the list: one query for all endpoints. */
export async function deliveryStats(prisma: PrismaClient, endpointIds: string[]) {
  if (!endpointIds.length) return new Map<string, { counts: Counts; last: Date | null }>();
  const rows = await prisma.webhookDelivery.groupBy({ by: ['endpointId', 'status'], where: { endpointId: { in: endpointIds } }, _count: { _all: true }, _max: { deliveredAt: true } });
  const stats = new Map<string, { counts: Counts; last: Date | null }>();
  for (const r of rows) {
    const s = stats.get(r.endpointId) ?? { counts: { ...NO_DELIVERIES }, last: null };
    if (r.status in s.counts) s.counts[r.status as keyof Counts] = r._count._all;
    const last = r._max.deliveredAt;
    if (last && (!s.last || last > s.last)) s.last = last;
    stats.set(r.endpointId, s);
  }
  return stats;
}

export const toWebhookDto = (e: WebhookEndpoint, stats?: { counts: Counts; last: Date | null }): WebhookDto => ({
  id: e.id,
  url: e.url,
  events: e.events as WebhookDto['events'],
  description: e.description,
  enabled: e.disabledAt === null,
  createdAt: e.createdAt.toISOString(),
  deliveries: stats?.counts ?? { ...NO_DELIVERIES },
  lastDeliveryAt: stats?.last?.toISOString() ?? null,
});

export const toDeliveryDto = (d: WebhookDelivery & { log: WebhookAttempt[] }): WebhookDeliveryDto => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status as WebhookDeliveryDto['status'],
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  log: d.log.map((a) => ({
    attempt: a.attempt, startedAt: a.startedAt.toISOString(), durationMs: a.durationMs, status: a.status, error: a.error, responseBody: a.responseBody,
  })),
});
