import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, countObservations, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

const fieldPaths = (res: { body: { error: { details?: { fields?: { path: string }[] } } } }) =>
  (res.body.error.details?.fields ?? []).map((f) => f.path);

describe('POST /api/observations', () => {
  it('creates an observation and returns it with 201 and a Location', async () => {
    const body = observationBody({ observer: { lat: 40.11, lon: 124.39, accuracyM: 12 }, confidence: 0.8 });
    const res = await t.request.post('/api/observations').set(t.as.observer).send(body);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/observations/${body.id}`);
    expect(res.body).toMatchObject({
      id: body.id,
      crossingId: DANDONG,
      observedAt: '2025-11-03T08:30:00.000Z',
      value: 42,
      direction: { from: 'CN', to: 'KP' },
      observer: { lat: 40.11, lon: 124.39, accuracyM: 12 },
      status: 'pending',
      synthetic: false,
    });
    const fetched = await t.request.get(`/api/observations/${body.id}`).set(t.as.analyst);
    expect(fetched.body).toEqual(res.body);
  });

  it('treats a resend with the same id and content as the stored record: 200, no second row', async () => {
    const body = observationBody();
    const first = await t.request.post('/api/observations').set(t.as.observer).send(body);
    const before = await countObservations(t.db);
    // The same instant written in another zone is the same content.
    const again = await t.request.post('/api/observations').set(t.as.observer).send({ ...body, observedAt: '2025-11-03T17:30:00+09:00' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countObservations(t.db)).toBe(before);
  });

  it('takes an id in capitals as the same id: 201, then 200 for the resend in either case', async () => {
    // UUIDs are case-insensitive (RFC 9562), and some platforms write them in capitals.
    const body = observationBody();
    const upper = { ...body, id: body.id.toUpperCase() };
    const first = await t.request.post('/api/observations').set(t.as.observer).send(upper);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(body.id);
    expect((await t.request.post('/api/observations').set(t.as.observer).send(body)).status).toBe(200);
    expect((await t.request.post('/api/observations').set(t.as.observer).send(upper)).status).toBe(200);
  });

  it('answers 409 when the same id arrives with different content, and keeps the original', async () => {
    const body = observationBody();
    await t.request.post('/api/observations').set(t.as.observer).send(body);
    const res = await t.request.post('/api/observations').set(t.as.observer).send({ ...body, value: 43 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toContain(body.id);
    expect(res.body.error.message).toContain('different content');
    const stored = await t.request.get(`/api/observations/${body.id}`).set(t.as.analyst);
    expect(stored.body.value).toBe(42);
  });

  it('stores exactly one row for 20 concurrent identical POSTs, and says created once', async () => {
    const body = observationBody();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.request.post('/api/observations').set(t.as.observer).send(body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await t.db.prisma.observation.count({ where: { id: body.id } })).toBe(1);
  });

  it('assigns an id when the client gives none', async () => {
    const { id: _omit, ...body } = observationBody();
    const res = await t.request.post('/api/observations').set(t.as.observer).send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  const badCases: [string, Record<string, unknown>, string][] = [
    ['missing value', { value: undefined }, 'value'],
    ['missing crossingId', { crossingId: undefined }, 'crossingId'],
    ['missing source', { source: undefined }, 'source'],
    ['value as a string', { value: '42' }, 'value'],
    ['value "NaN"', { value: 'NaN' }, 'value'],
    ['negative value', { value: -1 }, 'value'],
    ['fractional count', { value: 4.5 }, 'value'],
    ['unknown metric', { metric: 'queue_trucks' }, 'metric'],
    ['unknown vehicle class', { vehicleClass: 'tank' }, 'vehicleClass'],
    ['observer latitude 91', { observer: { lat: 91, lon: 124.4 } }, 'observer.lat'],
    ['observer longitude 181', { observer: { lat: 40, lon: 181 } }, 'observer.lon'],
    ['time without zone', { observedAt: '2025-11-03T08:30:00' }, 'observedAt'],
    ['impossible date', { observedAt: '2025-13-03T08:30:00Z' }, 'observedAt'],
    ['far future', { observedAt: '2099-01-01T00:00:00Z' }, 'observedAt'],
    [
      'period ending before it starts',
      { metric: 'crossed_vehicles', period: { start: '2025-11-02T00:00:00Z', end: '2025-11-01T00:00:00Z' } },
      'period.end',
    ],
    ['count without its period', { metric: 'crossed_vehicles' }, 'period'],
    ['unknown crossing', { crossingId: 'nowhere-bridge' }, 'crossingId'],
    ['direction outside the crossing', { direction: { from: 'US', to: 'MX' } }, 'direction'],
    ['direction to itself', { direction: { from: 'CN', to: 'CN' } }, 'direction.to'],
    ['lower-case country', { direction: { from: 'cn', to: 'KP' } }, 'direction.from'],
    ['not a UUID', { id: 'abc' }, 'id'],
    ['unknown field', { vehicle_class: 'truck' }, ''],
    ['javascript: source URL', { sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
    ['confidence above 1', { confidence: 1.5 }, 'confidence'],
  ];

  it.each(badCases)('refuses %s with a 400 naming the field, storing nothing', async (_name, override, path) => {
    const before = await countObservations(t.db);
    const body = observationBody(override);
    const res = await t.request.post('/api/observations').set(t.as.observer).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(fieldPaths(res)).toContain(path);
    expect(res.body.error.message).toContain(path || '(body)');
    expect(await countObservations(t.db)).toBe(before);
  });

  it('refuses Infinity (a JSON number that overflows) by field', async () => {
    const raw = JSON.stringify(observationBody()).replace('"value":42', '"value":1e999');
    const res = await t.request.post('/api/observations').set(t.as.observer).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toContain('value');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.request.post('/api/observations').set(t.as.observer).set('Content-Type', 'application/json').send('{"value": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('refuses a 10 MB body with 413 and stores nothing', async () => {
    const before = await countObservations(t.db);
    const res = await t.request.post('/api/observations').set(t.as.observer)
      .send(observationBody({ notes: 'x'.repeat(10 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await countObservations(t.db)).toBe(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await t.request.post('/api/observations').set(t.as.observer)
      .set('Content-Type', 'text/csv')
      .send('crossingId,value\nx,1');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses an empty POST with 400', async () => {
    const res = await t.request.post('/api/observations').set(t.as.observer);
    expect(res.status).toBe(400);
  });
});

describe('POST /api/observations/batch', () => {
  it('stores the valid items, reports each item, and loses nothing valid', async () => {
    const existing = observationBody();
    await t.request.post('/api/observations').set(t.as.observer).send(existing);
    const fresh = observationBody({ value: 7 });
    const dupInBatch = observationBody({ value: 8 });
    const items = [
      fresh,
      observationBody({ value: -3 }),
      existing,
      { ...existing, value: 99 },
      dupInBatch,
      dupInBatch,
      { ...dupInBatch, value: 9 },
      observationBody({ crossingId: 'nowhere' }),
    ];
    const before = await countObservations(t.db);
    const res = await t.request.post('/api/observations/batch').set(t.as.observer).send({ items });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created', 'invalid', 'existing', 'conflict', 'created', 'existing', 'conflict', 'invalid',
    ]);
    expect(res.body.results[1].error.details.fields[0].path).toBe('value');
    expect(res.body.results[7].error.details.fields[0].path).toBe('crossingId');
    expect(res.body.summary).toEqual({ created: 2, existing: 2, conflict: 2, invalid: 2 });
    expect(await countObservations(t.db)).toBe(before + 2);
  });

  it('refuses a batch without items, naming the field', async () => {
    const res = await t.request.post('/api/observations/batch').set(t.as.observer).send({ items: [] });
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toContain('items');
  });
});

describe('GET /api/observations', () => {
  it('filters and pages with a cursor without skipping or repeating rows', async () => {
    const crossing = 'cn-kp-quanhe-wonjong';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = observationBody({
        crossingId: crossing,
        // two rows share an instant, so the id breaks the tie
        observedAt: `2025-10-0${Math.min(i, 5) + 1}T10:00:00Z`,
        metric: 'wait_minutes',
        value: i * 10,
      });
      ids.push(body.id);
      expect((await t.request.post('/api/observations').set(t.as.observer).send(body)).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.request.get('/api/observations').set(t.as.analyst)
        .query({ crossing, metric: 'wait_minutes', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((o: { id: string }) => o.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));

    const ranged = await t.request.get('/api/observations').set(t.as.analyst).query({ crossing, from: '2025-10-02', to: '2025-10-04' });
    expect(ranged.body.items.map((o: { observedAt: string }) => o.observedAt).sort()).toEqual([
      '2025-10-02T10:00:00.000Z',
      '2025-10-03T10:00:00.000Z',
    ]);
  });

  it('refuses a bad filter with 400 naming the query field', async () => {
    const res = await t.request.get('/api/observations').set(t.as.analyst).query({ metric: 'queue_trucks', from: '2025-13-01' });
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(['query.metric.0', 'query.from']));
  });

  it('refuses a forged cursor', async () => {
    const res = await t.request.get('/api/observations').set(t.as.analyst).query({ cursor: 'bm90LWEtY3Vyc29y' });
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['cursor']);
  });

  it('answers 404 in the error shape for an unknown observation', async () => {
    const res = await t.request.get(`/api/observations/${crypto.randomUUID()}`).set(t.as.analyst);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('not found') } });
  });
});
