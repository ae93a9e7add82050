import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/migrate.js';
import { spawnServer } from '../test/spawn-server.js';
import { createTestAccounts } from '../test/test-accounts.js';
import { createTestDatabaseHandle, testDbKind, type TestDatabaseHandle } from '../test/test-database.js';
import { eventually, startReceiver } from '../test/webhook-receiver.js';

let handle: TestDatabaseHandle;
let accounts: Awaited<ReturnType<typeof createTestAccounts>>;
let endpointId: string;
let receiverPort: number;

beforeAll(async () => {
  handle = await createTestDatabaseHandle();
  const db = await handle.open();
  await applyMigrations(db);
  accounts = await createTestAccounts(db);
  // A port that nothing listens on yet: the receiver is "down" until the server has been restarted.
  const probe = await startReceiver();
  receiverPort = probe.port;
  await probe.close();
  endpointId = crypto.randomUUID();
  await db.prisma.webhookEndpoint.create({
    data: { id: endpointId, url: `http://127.0.0.1:${receiverPort}/hooks`, events: ['observation.approved'], secret: 'a'.repeat(64), createdById: accounts.ids.admin },
  });
  await db.close();
}, 60_000);
afterAll(() => handle.destroy());

const env = () => ({ ...handle.env, DEMO_DATA: 'never', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_TIMEOUT_MS: '2000' });

describe(`webhook deliveries through a restart on ${testDbKind}`, () => {
  it('an event queued before a restart arrives once after it', async () => {
    const first = await spawnServer(env());
    const deliveries = async (baseUrl: string) =>
      (await (await fetch(`${baseUrl}/api/admin/webhooks/${endpointId}/deliveries`, { headers: accounts.admin })).json()).items;
    let eventId: string;
    try {
      const id = crypto.randomUUID();
      const post = await fetch(`${first.baseUrl}/api/observations`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...accounts.observer },
        body: JSON.stringify({ id, crossingId: 'cn-kp-quanhe-wonjong', observedAt: '2025-11-04T08:30:00Z', metric: 'queue_vehicles', value: 7, vehicleClass: 'truck', method: 'field', source: 'restart test' }),
      });
      expect(post.status).toBe(201);
      const decided = await fetch(`${first.baseUrl}/api/review/decisions`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...accounts.analyst }, body: JSON.stringify({ ids: [id], action: 'approve' }),
      });
      expect(decided.status).toBe(200);
      // The receiver is down: the first try fails and the delivery waits for its retry.
      const [failing] = await eventually(async () => {
        const items = await deliveries(first.baseUrl);
        return items[0]?.lastError ? items : null;
      });
      expect(failing).toMatchObject({ status: 'pending', lastStatus: null, lastError: 'ECONNREFUSED' });
      eventId = failing.eventId;
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const receiver = await startReceiver({ port: receiverPort });
    const second = await spawnServer(env());
    try {
      await eventually(() => receiver.received.length >= 1, 15_000);
      // Long enough for a second send, were one to come (retries come every 300–600 ms here).
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0].body)).toMatchObject({ id: eventId, type: 'observation.approved' });
      const [d] = await deliveries(second.baseUrl);
      expect(d.status).toBe('delivered');
      expect(d.log.at(-1)).toMatchObject({ status: 200, error: null });
      expect(d.log.slice(0, -1).every((a: { error: string }) => a.error === 'ECONNREFUSED')).toBe(true);
    } finally {
      expect(await second.stop()).toBe(0);
      await receiver.close();
    }
  }, 90_000);
});
