/** What landport can tell a receiver about (docs/webhooks.md); `webhook.test` is sent only by "send test". No zod here: the admin page imports it. */
export const WEBHOOK_EVENTS = ['observation.approved', 'import.committed', 'anomaly.flagged', 'nowcast.changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test';

/** Plain words for each, for the admin page. */
export const WEBHOOK_EVENT_LABELS: Record<(typeof WEBHOOK_EVENTS)[number], string> = {
  'observation.approved': 'Observations approved',
  'import.committed': 'Imports committed',
  'anomaly.flagged': 'Anomalies flagged',
  'nowcast.changed': 'Nowcast changed',
};
