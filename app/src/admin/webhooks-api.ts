// The webhook calls of the admin page, through the one API client (app/src/api.ts).
import { requestJson } from '../api.js';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookTestDto } from '../../../server/contracts/webhooks.js';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS } from '../../../server/contracts/webhook-events.js';

export { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS };
export type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDto };
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const base = '/api/admin/webhooks';
export const listWebhooks = () => requestJson<{ items: WebhookDto[] }>(base).then((r) => r.items);
export const createWebhook = (w: { url: string; events: WebhookEvent[]; description?: string }) => requestJson<CreatedWebhookDto>(base, { method: 'POST', body: w });
export const getWebhook = (id: string) => requestJson<WebhookDto>(`${base}/${id}`);
export const updateWebhook = (id: string, patch: { enabled?: boolean; events?: WebhookEvent[]; url?: string }) =>
  requestJson<WebhookDto>(`${base}/${id}`, { method: 'PATCH', body: patch });
export const deleteWebhook = (id: string) => requestJson<null>(`${base}/${id}`, { method: 'DELETE' });
export const sendTest = (id: string) => requestJson<WebhookTestDto>(`${base}/${id}/test`, { method: 'POST' });
export const listDeliveries = (id: string) => requestJson<{ items: WebhookDeliveryDto[] }>(`${base}/${id}/deliveries?limit=20`).then((r) => r.items);
export const retryDelivery = (id: string, deliveryId: string) => requestJson<WebhookDeliveryDto>(`${base}/${id}/deliveries/${deliveryId}/retry`, { method: 'POST' });
