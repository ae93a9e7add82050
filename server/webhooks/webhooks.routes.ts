import crypto from 'node:crypto';
import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { adminOnly } from '../auth/require-role.js';
import { createWebhookInput, updateWebhookInput, webhookDeliveriesQuery, type CreatedWebhookDto, type WebhookTestDto } from '../contracts/webhooks.js';
import { badRequest, conflict, notFound } from '../http/http-error.js';
import { isUuid } from '../http/uuid.js';
import { parseOrThrow } from '../http/validate.js';
import { enqueueWebhookEvent } from './enqueue.js';
import { newWebhookSecret } from './signature.js';
import { signalQueued } from './signals.js';
import { webhookUrlProblem } from './webhook-url.js';
import { deliveryStats, toDeliveryDto, toWebhookDto } from './webhooks.repo.js';

/** At most this many endpoints: each event is one row per endpoint. */
export const MAX_WEBHOOKS = 50;

function checkUrl(url: string | undefined) {
  const problem = url === undefined ? null : webhookUrlProblem(url);
  if (problem) throw badRequest([{ path: 'url', message: problem }]);
}

/** Webhook endpoints, their delivery log, "send test" and "retry", for admins only. */
export function webhooksRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.use(adminOnly);

  const endpointOr404 = async (id: string) => {
    const e = isUuid(id) ? await prisma.webhookEndpoint.findUnique({ where: { id } }) : null;
    if (!e) throw notFound(`Webhook ${id}`);
    return e;
  };

  router.get('/', async (_req, res) => {
    const endpoints = await prisma.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
    const stats = await deliveryStats(prisma, endpoints.map((e) => e.id));
    res.json({ items: endpoints.map((e) => toWebhookDto(e, stats.get(e.id))) });
  });

  router.post('/', async (req, res) => {
    const input = parseOrThrow(createWebhookInput, req.body);
    checkUrl(input.url);
    if ((await prisma.webhookEndpoint.count()) >= MAX_WEBHOOKS) throw conflict(`At most ${MAX_WEBHOOKS} webhooks: delete one first`);
    const secret = newWebhookSecret();
    const e = await prisma.webhookEndpoint.create({
      data: { id: crypto.randomUUID(), url: input.url, events: input.events, description: input.description ?? null, secret, createdById: req.user!.id },
    });
    res.status(201).json({ ...toWebhookDto(e), secret } satisfies CreatedWebhookDto);
  });

  router.get('/:id', async (req, res) => {
    const e = await endpointOr404(req.params.id);
    res.json(toWebhookDto(e, (await deliveryStats(prisma, [e.id])).get(e.id)));
  });

  router.patch('/:id', async (req, res) => {
    const input = parseOrThrow(updateWebhookInput, req.body);
    await endpointOr404(req.params.id);
    checkUrl(input.url);
    const e = await prisma.webhookEndpoint.update({
      where: { id: req.params.id },
      data: {
        url: input.url, events: input.events, description: input.description,
        disabledAt: input.enabled === undefined ? undefined : input.enabled ? null : new Date(),
      },
    });
    if (input.enabled) signalQueued();
    res.json(toWebhookDto(e, (await deliveryStats(prisma, [e.id])).get(e.id)));
  });

  router.delete('/:id', async (req, res) => {
    await endpointOr404(req.params.id);
    await prisma.webhookEndpoint.delete({ where: { id: req.params.id } });
    res.status(204).end();
  });

  /** A new secret, shown once; the old one stops signing at once. */
  router.post('/:id/secret', async (req, res) => {
    await endpointOr404(req.params.id);
    const secret = newWebhookSecret();
    const e = await prisma.webhookEndpoint.update({ where: { id: req.params.id }, data: { secret } });
    res.json({ ...toWebhookDto(e, (await deliveryStats(prisma, [e.id])).get(e.id)), secret } satisfies CreatedWebhookDto);
  });

  router.post('/:id/test', async (req, res) => {
    const e = await endpointOr404(req.params.id);
    if (e.disabledAt) throw conflict('This webhook is paused: enable it to send a test');
    const { eventId, deliveryIds } = await enqueueWebhookEvent(prisma, 'webhook.test', { message: 'A test delivery from landport', requestedBy: req.user!.displayName }, { endpointId: e.id });
    signalQueued();
    res.status(202).json({ eventId, deliveryId: deliveryIds[0] } satisfies WebhookTestDto);
  });

  router.get('/:id/deliveries', async (req, res) => {
    const q = parseOrThrow(webhookDeliveriesQuery, req.query, 'query');
    const e = await endpointOr404(req.params.id);
    const rows = await prisma.webhookDelivery.findMany({
      where: { endpointId: e.id, status: q.status }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit,
      include: { log: { orderBy: { attempt: 'asc' } } },
    });
    res.json({ items: rows.map(toDeliveryDto) });
  });

  /** Sends a failed delivery once more (its tries go on counting: a failure leaves it failed again). */
  router.post('/:id/deliveries/:deliveryId/retry', async (req, res) => {
    const e = await endpointOr404(req.params.id);
    const d = isUuid(req.params.deliveryId) ? await prisma.webhookDelivery.findFirst({ where: { id: req.params.deliveryId, endpointId: e.id } }) : null;
    if (!d) throw notFound(`Delivery ${req.params.deliveryId}`);
    if (d.status !== 'failed') throw conflict(`This delivery is ${d.status}: only a failed one can be retried`);
    const updated = await prisma.webhookDelivery.update({
      where: { id: d.id }, data: { status: 'pending', nextAttemptAt: new Date() }, include: { log: { orderBy: { attempt: 'asc' } } },
    });
    signalQueued();
    res.status(202).json(toDeliveryDto(updated));
  });

  return router;
}
