import { z } from 'zod';
import { text } from './common.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';

export { WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events.js';

export const WEBHOOK_URL_MAX = 2000;

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'name at least one event').max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)]);

/** `POST /api/admin/webhooks`. The URL's own rules (HTTPS or loopback http) are checked by `checkWebhookUrl`. */
export const createWebhookInput = z.strictObject({
  url: text().trim().min(1, 'is required').max(WEBHOOK_URL_MAX),
  events,
  description: text().trim().max(500).nullish(),
});

/** `PATCH /api/admin/webhooks/:id`: any of these; `enabled: false` pauses deliveries (they wait, nothing is lost). */
export const updateWebhookInput = z.strictObject({
  url: text().trim().min(1).max(WEBHOOK_URL_MAX).optional(),
  events: events.optional(),
  description: text().trim().max(500).nullish(),
  enabled: z.boolean().optional(),
}).refine((v) => Object.keys(v).length > 0, 'change at least one of url, events, description, enabled');

export const webhookDeliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const webhookResponse = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  description: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
  /** Deliveries by status, for the list. */
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
  lastDeliveryAt: z.string().nullable(),
});
export type WebhookDto = z.output<typeof webhookResponse>;

/** The answer to creating an endpoint: the only time its signing secret is shown. */
export const createdWebhookResponse = webhookResponse.extend({
  secret: z.string().describe('HMAC-SHA256 key (hex) for X-Landport-Signature; shown only now'),
});
export type CreatedWebhookDto = z.output<typeof createdWebhookResponse>;

export const webhookListResponse = z.object({ items: z.array(webhookResponse) });

const attempt = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  status: z.number().int().nullable().describe("The receiver's HTTP status; null when none came"),
  error: z.string().nullable(),
  responseBody: z.string().nullable().describe('The first 500 characters of the answer'),
});

export const webhookDeliveryResponse = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable().describe('When the next try is due; null once delivered or failed'),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  log: z.array(attempt),
});
export type WebhookDeliveryDto = z.output<typeof webhookDeliveryResponse>;

export const webhookDeliveryListResponse = z.object({ items: z.array(webhookDeliveryResponse) });

/** `POST /api/admin/webhooks/:id/test`: the event queued. */
export const webhookTestResponse = z.object({ eventId: z.uuid(), deliveryId: z.uuid() });
export type WebhookTestDto = z.output<typeof webhookTestResponse>;
