import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedResponses, type DocumentedResponses } from '../test/documented-response.js';
import { jpegWithExif } from '../test/test-photo.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Accounts, submissions, imports, review and views against the responses they document in the served OpenAPI
// document (see documented-response.ts), in the states that change their shape: created and again, refused rows.

let t: TestApp;
let doc: DocumentedResponses;
beforeAll(async () => {
  t = await startTestApp();
  doc = await documentedResponses(t);
}, 120_000);
afterAll(() => t.cleanup());

const status = (expected: number) => (r: { status: number }) => expect(r.status).toBe(expected);
const upload = (url: string, file: Buffer, name: string, options: unknown) =>
  t.request.post(url).set(t.as.analyst).field('options', JSON.stringify(options)).attach('file', file, { filename: name });

describe('signed-in operations answer as the OpenAPI document says', () => {
  it('accounts: users, tokens, signing in with a password and with a device token, and who is signed in', async () => {
    doc.check('get', '/api/setup', await t.request.get('/api/setup').expect(status(200)));
    doc.check('get', '/api/auth/me', await t.request.get('/api/auth/me').expect(status(200)));
    doc.check('get', '/api/auth/me', await t.request.get('/api/auth/me').set(t.as.observer).expect(status(200)));
    const password = 'a long enough password';
    const user = doc.check('post', '/api/admin/users', await t.request.post('/api/admin/users').set(t.as.admin)
      .send({ email: 'contract@test.invalid', displayName: 'Contract', role: 'observer', password }).expect(status(201))) as { id: string };
    doc.check('patch', '/api/admin/users/{id}', await t.request.patch(`/api/admin/users/${user.id}`).set(t.as.admin).send({ displayName: 'Contract Tester' }).expect(status(200)));
    doc.check('get', '/api/admin/users', await t.request.get('/api/admin/users').set(t.as.admin).expect(status(200)));

    const login = await t.request.post('/api/auth/login').send({ email: 'contract@test.invalid', password }).expect(status(200));
    doc.check('post', '/api/auth/login', login);
    doc.check('get', '/api/auth/me', await t.request.get('/api/auth/me').set('Cookie', login.headers['set-cookie']).expect(status(200)));

    const token = doc.check('post', '/api/admin/tokens', await t.request.post('/api/admin/tokens').set(t.as.admin)
      .send({ name: 'phone', userId: user.id }).expect(status(201))) as { token: string };
    doc.check('post', '/api/auth/device', await t.request.post('/api/auth/device').send({ token: token.token }).expect(status(200)));
    // Used once now: its lastUsedAt is set, and the token of the test accounts is not.
    doc.check('get', '/api/admin/tokens', await t.request.get('/api/admin/tokens').set(t.as.admin).expect(status(200)));
  });

  it('crossings an admin adds and changes', async () => {
    const body = { id: 'xx-yy-contract-bridge', nameEn: 'Contract Bridge', countries: ['XX', 'YY'], kind: 'road', location: null, sources: ['a test'] };
    doc.check('post', '/api/admin/crossings', await t.request.post('/api/admin/crossings').set(t.as.admin).send(body).expect(status(201)));
    doc.check('patch', '/api/admin/crossings/{id}', await t.request.patch(`/api/admin/crossings/${body.id}`).set(t.as.admin)
      .send({ location: { lat: 10, lon: 20 }, nameZh: '合同桥' }).expect(status(200)));
  });

  it('observations: stored, stored again, a batch with every outcome, a submission with photos', async () => {
    const one = observationBody({ metric: 'queue_length_m', value: 500 });
    doc.check('post', '/api/observations', await t.request.post('/api/observations').set(t.as.observer).send(one).expect(status(201)));
    doc.check('post', '/api/observations', await t.request.post('/api/observations').set(t.as.observer).send(one).expect(status(200)));
    const fresh = observationBody();
    const batch = doc.check('post', '/api/observations/batch', await t.request.post('/api/observations/batch').set(t.as.observer)
      .send({ items: [fresh, one, { ...one, value: 501 }, { crossingId: DANDONG }] }).expect(status(200))) as { results: { status: string }[] };
    expect(batch.results.map((r) => r.status)).toEqual(['created', 'existing', 'conflict', 'invalid']);
    const submitted = await t.request.post('/api/submissions').set(t.as.observer)
      .field('observation', JSON.stringify(observationBody({ metric: 'queue_vehicles', value: 0 }))).field('shareLocation', 'true')
      .attach('photos', await jpegWithExif(), { filename: 'p.jpg', contentType: 'image/jpeg' }).expect(status(201));
    doc.check('post', '/api/submissions', submitted);
  });

  it('review: the queue with duplicates and queue checks, decisions, and the audit trail', async () => {
    // The same reading twice (a likely duplicate), and a length beside a count of 0 (a check "infinitely" apart).
    const twice = { observedAt: '2025-11-05T09:00:00Z', value: 40 };
    for (let i = 0; i < 2; i++) await t.request.post('/api/observations').set(t.as.observer).send(observationBody(twice)).expect(201);
    await t.request.post('/api/observations').set(t.as.observer).send(observationBody({ observedAt: '2025-11-05T09:10:00Z', metric: 'queue_length_m', value: 900 })).expect(201);
    await t.request.post('/api/observations').set(t.as.observer).send(observationBody({ observedAt: '2025-11-05T09:20:00Z', value: 0 })).expect(201);
    const queue = doc.check('get', '/api/review/queue', await t.request.get('/api/review/queue').set(t.as.analyst).query({ limit: '200' }).expect(status(200))) as {
      items: { id: string; likelyDuplicates: unknown[]; queueChecks: { timesApart: number | null }[] }[];
    };
    expect(queue.items.some((i) => i.likelyDuplicates.length)).toBe(true);
    expect(queue.items.some((i) => i.queueChecks.some((c) => c.timesApart === null))).toBe(true);
    doc.check('get', '/api/review/queue', await t.request.get('/api/review/queue').set(t.as.analyst).query({ limit: '1' }).expect(status(200)));

    const [first, second] = queue.items;
    doc.check('post', '/api/review/decisions', await t.request.post('/api/review/decisions').set(t.as.analyst)
      .send({ ids: [first.id, crypto.randomUUID()], action: 'approve' }).expect(status(200)));
    doc.check('post', '/api/review/decisions', await t.request.post('/api/review/decisions').set(t.as.analyst)
      .send({ ids: [first.id, second.id], action: 'reject', reason: 'a duplicate' }).expect(status(200)));
    doc.check('get', '/api/observations/{id}/audit', await t.request.get(`/api/observations/${first.id}/audit`).set(t.as.analyst).expect(status(200)));
    // A rejected observation tells its submitter why.
    doc.check('get', '/api/observations/{id}', await t.request.get(`/api/observations/${first.id}`).set(t.as.observer).expect(status(200)));
  });

  it('imports: a dry run, a commit of the valid rows, a refusal (422, the same report), and the feed importers', async () => {
    const csv = (rows: string[]) => Buffer.from(['crossingId,observedAt,metric,value,vehicleClass,method,source', ...rows].join('\n'));
    const rows = [`${DANDONG},2025-03-01T08:00:00Z,queue_vehicles,10,truck,field,file`, `${DANDONG},2025-03-02T08:00:00Z,queue_vehicles,lots,truck,field,file`, `Dandong bridge?,2025-03-03T08:00:00Z,queue_vehicles,3,truck,field,file`];
    const dry = doc.check('post', '/api/imports', await upload('/api/imports', csv(rows), 'rows.csv', { dryRun: true }).expect(status(200))) as { preview: unknown[]; errors: unknown[] };
    expect([dry.preview.length, dry.errors.length]).toEqual([1, 2]);
    doc.check('post', '/api/imports', await upload('/api/imports', csv(rows), 'rows.csv', { dryRun: false, mode: 'all' }).expect(status(422)));
    const committed = doc.check('post', '/api/imports', await upload('/api/imports', csv(rows), 'rows.csv', { dryRun: false, mode: 'valid' }).expect(status(200)));
    expect(committed).toMatchObject({ committed: true, created: 1 });

    const bts = fs.readFileSync(new URL('../../data/bts_border_crossing_trucks_2020_2021.csv', import.meta.url), 'utf8').split('\n').slice(0, 3).join('\n');
    doc.check('post', '/api/imports/bts', await upload('/api/imports/bts', Buffer.from(bts), 'bts.csv', { dryRun: true, retrievedAt: '2026-11-01' }).expect(status(200)));
    const trade = 'month,reporter,partner,exports_usd,imports_usd,total_usd,source\n2021-03,US,MX,23332918189,33314987509,,test file\n';
    doc.check('post', '/api/imports/trade', await upload('/api/imports/trade', Buffer.from(trade), 'trade.csv', { dryRun: true, retrievedAt: '2026-11-01' }).expect(status(200)));
    const lane = { update_time: 'At Noon PDT', operational_status: 'delay', delay_minutes: '45', lanes_open: '4' };
    const snapshot = [{ port_number: '250601', border: 'Mexican Border', port_name: 'Otay Mesa', crossing_name: 'Commercial', date: '07/04/2025', time: '12:00:00', commercial_vehicle_lanes: { maximum_lanes: '10', standard_lanes: lane } }];
    doc.check('post', '/api/imports/cbp', await upload('/api/imports/cbp', Buffer.from(JSON.stringify(snapshot)), 'bwt.json', { dryRun: true, fetchedAt: '2025-07-04T19:05:00Z' }).expect(status(200)));
  });

  it('views: saved, listed with the unpublished, edited', async () => {
    const saved = doc.check('post', '/api/views', await t.request.post('/api/views').set(t.as.analyst)
      .send({ title: 'Contract view', description: 'for the test', view: { crossing: DANDONG } }).expect(status(201))) as { id: string };
    const other = (await t.request.post('/api/views').set(t.as.analyst).send({ title: 'Gone soon', view: {} }).expect(201)).body as { id: string };
    await t.request.delete(`/api/views/${other.id}`).set(t.as.analyst).expect(204);
    doc.check('patch', '/api/views/{id}', await t.request.patch(`/api/views/${saved.id}`).set(t.as.analyst).send({ description: '' }).expect(status(200)));
    doc.check('get', '/api/views', await t.request.get('/api/views').set(t.as.analyst).query({ include: 'unpublished' }).expect(status(200)));
  });

  it('webhooks: registered, listed, tested, paused, a new secret, the delivery log and a retry', async () => {
    const hook = doc.check('post', '/api/admin/webhooks', await t.request.post('/api/admin/webhooks').set(t.as.admin)
      .send({ url: 'http://127.0.0.1:9/contract', events: ['import.committed'] }).expect(status(201))) as { id: string };
    doc.check('get', '/api/admin/webhooks', await t.request.get('/api/admin/webhooks').set(t.as.admin).expect(status(200)));
    doc.check('get', '/api/admin/webhooks/{id}', await t.request.get(`/api/admin/webhooks/${hook.id}`).set(t.as.admin).expect(status(200)));
    doc.check('post', '/api/admin/webhooks/{id}/secret', await t.request.post(`/api/admin/webhooks/${hook.id}/secret`).set(t.as.admin).expect(status(200)));
    const sent = doc.check('post', '/api/admin/webhooks/{id}/test', await t.request.post(`/api/admin/webhooks/${hook.id}/test`).set(t.as.admin).expect(status(202))) as { deliveryId: string };
    // No worker runs in this app: the delivery is made to have failed, with a logged try, as a worker leaves it.
    await t.db.prisma.webhookDelivery.update({ where: { id: sent.deliveryId }, data: { status: 'failed', attempts: 1, lastError: 'ECONNREFUSED' } });
    await t.db.prisma.webhookAttempt.create({ data: { deliveryId: sent.deliveryId, attempt: 1, startedAt: new Date(), durationMs: 3, status: null, error: 'ECONNREFUSED', worker: 'test' } });
    doc.check('get', '/api/admin/webhooks/{id}/deliveries', await t.request.get(`/api/admin/webhooks/${hook.id}/deliveries`).set(t.as.admin).expect(status(200)));
    doc.check('post', '/api/admin/webhooks/{id}/deliveries/{deliveryId}/retry',
      await t.request.post(`/api/admin/webhooks/${hook.id}/deliveries/${sent.deliveryId}/retry`).set(t.as.admin).expect(status(202)));
    doc.check('patch', '/api/admin/webhooks/{id}', await t.request.patch(`/api/admin/webhooks/${hook.id}`).set(t.as.admin).send({ enabled: false }).expect(status(200)));
  });
});
