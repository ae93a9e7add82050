import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';
import { testDbKind } from '../test/test-database.js';
import { eventually, startReceiver } from '../test/webhook-receiver.js';
import { pruneDeliveryLog, startWebhookWorker, type WebhookWorker } from './delivery-worker.js';

let t: TestApp;
const quiet = pino({ level: 'silent' });
let workers: WebhookWorker[] = [];
const worker = (settings: Parameters<typeof startWebhookWorker>[2] = {}) => {
  const w = startWebhookWorker(t.db.prisma, quiet, { pollMs: 50, retryBaseMs: 100, retryMaxMs: 1000, maxAttempts: 3, timeoutMs: 2000, ...settings });
  workers.push(w);
  return w;
};

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  await t.db.prisma.webhookEndpoint.deleteMany();
});
afterAll(() => t.cleanup());

async function register(url: string, events = ['observation.approved']) {
  const res = await t.request.post('/api/admin/webhooks').set(t.as.admin).send({ url, events, description: 'test receiver' }).expect(201);
  return res.body as { id: string; secret: string };
}

async function approveOne(overrides: Record<string, unknown> = {}) {
  const body = observationBody(overrides);
  await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
  return body;
}

/** Checks the signature the way docs/webhooks.md tells a receiver to, with node:crypto alone. */
function signatureHolds(secret: string, header: string, body: string) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return m[2] === expected && Math.abs(Date.now() / 1000 - Number(m[1])) < 60;
}

describe('webhook endpoints', () => {
  it('are for admins only, take HTTPS or loopback http, and show the secret once', async () => {
    await t.request.post('/api/admin/webhooks').send({ url: 'https://example.org/h', events: ['import.committed'] }).expect(401);
    await t.request.post('/api/admin/webhooks').set(t.as.analyst).send({ url: 'https://example.org/h', events: ['import.committed'] }).expect(403);
    await t.request.get('/api/admin/webhooks').set(t.as.observer).expect(403);
    const field = async (body: Record<string, unknown>) =>
      (await t.request.post('/api/admin/webhooks').set(t.as.admin).send(body).expect(400)).body.error.details.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
    expect(await field({ url: 'http://example.org/hooks', events: ['import.committed'] })).toEqual(['url: must use https (plain http only to a loopback address such as 127.0.0.1)']);
    expect(await field({ url: 'https://user:pw@example.org/hooks', events: ['import.committed'] })).toEqual([expect.stringMatching(/^url: must not hold a user name/)]);
    expect(await field({ url: 'ftp://example.org/x', events: ['import.committed'] })).toEqual(['url: must be an https:// URL']);
    expect(await field({ url: 'https://example.org/h', events: [] })).toEqual(['events: name at least one event']);
    expect((await field({ url: 'https://example.org/h', events: ['observation.deleted'] }))[0]).toMatch(/^events\.0: /);
    expect(await field({ url: 'https://example.org/h', events: ['import.committed'], colour: 'red' })).toEqual([expect.stringMatching(/^: .*colour/)]);

    const made = await t.request.post('/api/admin/webhooks').set(t.as.admin).send({ url: 'https://example.org/hooks/landport', events: ['import.committed', 'anomaly.flagged', 'import.committed'] }).expect(201);
    expect(made.body).toMatchObject({ url: 'https://example.org/hooks/landport', events: ['import.committed', 'anomaly.flagged'], enabled: true, deliveries: { pending: 0, delivered: 0, failed: 0 } });
    expect(made.body.secret).toMatch(/^[0-9a-f]{64}$/);
    await t.request.post('/api/admin/webhooks').set(t.as.admin).send({ url: 'http://127.0.0.1:9/hooks', events: ['nowcast.changed'] }).expect(201);
    await t.request.post('/api/admin/webhooks').set(t.as.admin).send({ url: 'http://localhost:9/hooks', events: ['nowcast.changed'] }).expect(201);
    const list = await t.request.get('/api/admin/webhooks').set(t.as.admin).expect(200);
    expect(list.body.items).toHaveLength(3);
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    expect((await t.request.get(`/api/admin/webhooks/${made.body.id}`).set(t.as.admin).expect(200)).body).not.toHaveProperty('secret');
    const rotated = await t.request.post(`/api/admin/webhooks/${made.body.id}/secret`).set(t.as.admin).expect(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secret).not.toBe(made.body.secret);
    await t.request.patch(`/api/admin/webhooks/${made.body.id}`).set(t.as.admin).send({ url: 'http://example.org/' }).expect(400);
    await t.request.get('/api/admin/webhooks/not-a-uuid').set(t.as.admin).expect(404);
    await t.request.delete(`/api/admin/webhooks/${made.body.id}`).set(t.as.admin).expect(204);
    await t.request.get(`/api/admin/webhooks/${made.body.id}`).set(t.as.admin).expect(404);
  });
});

describe('webhook deliveries', () => {
  it('POST a signed observation.approved once per approval, with the event id as the same for every endpoint', async () => {
    const a = await startReceiver();
    const b = await startReceiver();
    try {
      const hookA = await register(a.url);
      const hookB = await register(b.url);
      await register(a.url.replace('/hooks', '/imports-only'), ['import.committed']);
      worker();
      const obs = await approveOne({ value: 17 });
      await eventually(() => a.received.length >= 1 && b.received.length >= 1);
      // Deciding the same way again changes nothing and sends nothing.
      await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [obs.id], action: 'approve' }).expect(200);
      await new Promise((r) => setTimeout(r, 400));
      expect([a.received.length, b.received.length]).toEqual([1, 1]);
      const [got] = a.received;
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['x-landport-event']).toBe('observation.approved');
      expect(signatureHolds(hookA.secret, String(got.headers['x-landport-signature']), got.body)).toBe(true);
      expect(signatureHolds(hookB.secret, String(got.headers['x-landport-signature']), got.body)).toBe(false);
      expect(signatureHolds(hookB.secret, String(b.received[0].headers['x-landport-signature']), b.received[0].body)).toBe(true);
      const event = JSON.parse(got.body);
      expect(event).toMatchObject({ type: 'observation.approved', data: { observations: [{ id: obs.id, crossingId: obs.crossingId, metric: 'queue_vehicles', value: 17, observedAt: '2025-11-03T08:30:00.000Z' }] } });
      expect(JSON.parse(b.received[0].body).id).toBe(event.id);
      expect(got.headers['x-landport-event-id']).toBe(event.id);
      // Nothing about who observed it: field observers' identities stay inside landport.
      expect(got.body).not.toMatch(/submitted|observer|test observer/);
      const log = await t.request.get(`/api/admin/webhooks/${hookA.id}/deliveries`).set(t.as.admin).expect(200);
      expect(log.body.items).toEqual([expect.objectContaining({ eventId: event.id, eventType: 'observation.approved', status: 'delivered', attempts: 1, lastStatus: 200, nextAttemptAt: null })]);
      expect(log.body.items[0].log).toEqual([expect.objectContaining({ attempt: 1, status: 200, error: null, responseBody: 'ok' })]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('retries with a doubling wait until the receiver answers 2xx, logging every try', async () => {
    const r = await startReceiver({ answer: (n) => (n <= 2 ? 503 : 204) });
    try {
      const hook = await register(r.url);
      worker({ retryBaseMs: 200, maxAttempts: 5 });
      await approveOne();
      await eventually(() => r.received.length === 3, 8000);
      const [first, second, third] = r.received;
      // Waits of 200 ms, then 400 ms (the worker polls every 50 ms).
      expect(second.at - first.at).toBeGreaterThanOrEqual(190);
      expect(third.at - second.at).toBeGreaterThanOrEqual(390);
      expect(JSON.parse(third.body).id).toBe(JSON.parse(first.body).id);
      const [d] = (await t.request.get(`/api/admin/webhooks/${hook.id}/deliveries`).set(t.as.admin)).body.items;
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 204 });
      expect(d.log.map((a: { attempt: number; status: number; error: string | null }) => [a.attempt, a.status, a.error])).toEqual([[1, 503, 'HTTP 503'], [2, 503, 'HTTP 503'], [3, 204, null]]);
      expect(d.log[0].responseBody).toBe('not now');
    } finally {
      await r.close();
    }
  });

  it('marks a delivery failed after the last try; an admin retries it from the log', async () => {
    let answer = 500;
    const r = await startReceiver({ answer: () => answer });
    try {
      const hook = await register(r.url);
      worker({ maxAttempts: 2, retryBaseMs: 50 });
      await approveOne();
      const failed = await eventually(async () => {
        const [d] = (await t.request.get(`/api/admin/webhooks/${hook.id}/deliveries?status=failed`).set(t.as.admin)).body.items;
        return d;
      });
      expect(failed).toMatchObject({ attempts: 2, lastStatus: 500, nextAttemptAt: null });
      expect((await t.request.get(`/api/admin/webhooks/${hook.id}`).set(t.as.admin)).body.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });
      answer = 200;
      const retried = await t.request.post(`/api/admin/webhooks/${hook.id}/deliveries/${failed.id}/retry`).set(t.as.admin).expect(202);
      expect(retried.body.status).toBe('pending');
      await eventually(() => r.received.length === 3);
      const d = await eventually(async () => (await t.request.get(`/api/admin/webhooks/${hook.id}/deliveries?status=delivered`).set(t.as.admin)).body.items[0]);
      expect(d).toMatchObject({ id: failed.id, attempts: 3, lastStatus: 200 });
      await t.request.post(`/api/admin/webhooks/${hook.id}/deliveries/${failed.id}/retry`).set(t.as.admin).expect(409);
      // The log keeps 30 days: older finished deliveries go, with their tries; a pending one never does.
      await t.db.prisma.webhookDelivery.update({ where: { id: failed.id }, data: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
      expect(await pruneDeliveryLog(t.db.prisma)).toBe(1);
      expect(await t.db.prisma.webhookAttempt.count({ where: { deliveryId: failed.id } })).toBe(0);
    } finally {
      await r.close();
    }
  });

  it('sends a test event to one endpoint on request, and nothing while the endpoint is paused', async () => {
    const r = await startReceiver();
    try {
      const hook = await register(r.url, ['import.committed']);
      worker();
      const sent = await t.request.post(`/api/admin/webhooks/${hook.id}/test`).set(t.as.admin).expect(202);
      await eventually(() => r.received.length === 1);
      expect(JSON.parse(r.received[0].body)).toMatchObject({ id: sent.body.eventId, type: 'webhook.test', data: { message: 'A test delivery from landport' } });
      expect(signatureHolds(hook.secret, String(r.received[0].headers['x-landport-signature']), r.received[0].body)).toBe(true);
      await t.request.patch(`/api/admin/webhooks/${hook.id}`).set(t.as.admin).send({ enabled: false }).expect(200);
      await t.request.post(`/api/admin/webhooks/${hook.id}/test`).set(t.as.admin).expect(409);
      await t.request.patch(`/api/admin/webhooks/${hook.id}`).set(t.as.admin).send({ events: ['observation.approved'] }).expect(200);
      await approveOne();
      await new Promise((r2) => setTimeout(r2, 300));
      expect(r.received).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('two workers on one database never send one delivery twice', async () => {
    const r = await startReceiver({ delayMs: 150 });
    // A second server's connection pool on PostgreSQL; the embedded database is one connection in one process, shared.
    const second = testDbKind === 'postgres' ? await t.handle.open() : null;
    try {
      await register(r.url);
      worker({ batch: 3 });
      workers.push(startWebhookWorker(second?.prisma ?? t.db.prisma, quiet, { pollMs: 20, batch: 3, timeoutMs: 2000 }));
      for (let i = 0; i < 12; i++) await approveOne({ observedAt: `2025-06-${String(i + 1).padStart(2, '0')}T08:00:00Z` });
      await eventually(() => r.received.length >= 12, 15_000);
      await new Promise((r2) => setTimeout(r2, 500));
      const ids = r.received.map((x) => JSON.parse(x.body).id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      // One try each, and both workers took part.
      const senders = await t.db.prisma.webhookAttempt.groupBy({ by: ['worker'], _count: { _all: true } });
      expect(senders.reduce((n, s) => n + s._count._all, 0)).toBe(12);
      expect(senders).toHaveLength(2);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await second?.close();
      await r.close();
    }
  });

  it('queue import.committed when an import stores something new, in its transaction, and not for a repeated file', async () => {
    const r = await startReceiver();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-hook-'));
    try {
      await register(r.url, ['import.committed']);
      worker();
      const file = path.join(dir, 'trade.csv');
      // Figures made up for this test (a pair landport ships no trade for): the event is what is checked.
      fs.writeFileSync(file, 'month,reporter,partner,exports_usd,imports_usd,total_usd,source\n2021-03,US,CA,100,200,,webhook test (made-up figures)\n');
      const upload = () => t.request.post('/api/imports/trade').set(t.as.analyst).attach('file', file).field('options', JSON.stringify({ retrievedAt: '2026-11-01' })).expect(200);
      expect((await upload()).body).toMatchObject({ committed: true, created: 2 });
      await eventually(() => r.received.length === 1);
      expect(JSON.parse(r.received[0].body)).toMatchObject({ type: 'import.committed', data: { kind: 'trade', rowsTotal: 1, created: 2, existing: 0, revisions: 0 } });
      expect((await upload()).body).toMatchObject({ committed: true, created: 0, existing: 2 });
      // A bulk upload of observations, through the COPY transaction.
      const csv = path.join(dir, 'field.csv');
      fs.writeFileSync(csv, `id,crossingId,observedAt,metric,value,vehicleClass,method,source\n${crypto.randomUUID()},${DANDONG},2025-05-01T08:00:00Z,queue_vehicles,9,truck,field,hook test\n`);
      const bulk = await t.request.post('/api/imports').set(t.as.observer).field('options', JSON.stringify({ dryRun: false })).attach('file', csv).expect(200);
      expect(bulk.body).toMatchObject({ committed: true, created: 1 });
      await eventually(() => r.received.length === 2);
      expect(JSON.parse(r.received[1].body)).toMatchObject({ type: 'import.committed', data: { kind: 'observations', importId: bulk.body.importId, fileName: 'field.csv', rowsTotal: 1, created: 1, existing: 0, invalid: 0 } });
      await t.request.post('/api/imports').set(t.as.observer).field('options', JSON.stringify({ dryRun: false })).attach('file', csv).expect(200);
      // A refused file (a bad reporter code) commits nothing and says nothing.
      fs.writeFileSync(file, 'month,reporter,partner,exports_usd,source\n2021-04,USA,CA,1,s\n');
      await t.request.post('/api/imports/trade').set(t.as.analyst).attach('file', file).field('options', JSON.stringify({ retrievedAt: '2026-11-01' }));
      await new Promise((r2) => setTimeout(r2, 400));
      expect(r.received).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await r.close();
    }
  });
});
