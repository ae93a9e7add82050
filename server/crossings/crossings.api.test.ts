import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

describe('GET /api/crossings', () => {
  it('returns every reference crossing as GeoJSON, the Friendship Bridge with its coordinates and sources', async () => {
    const res = await t.request.get('/api/crossings');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(14);
    const bridge = res.body.features.find((f: { id: string }) => f.id === DANDONG);
    expect(bridge.geometry).toEqual({ type: 'Point', coordinates: [124.390579, 40.116438] });
    expect(bridge.properties.names).toEqual({
      en: 'Sino-Korean Friendship Bridge (Dandong–Sinuiju)',
      zh: '中朝友谊桥',
      ko: '중조우의교',
    });
    expect(bridge.properties.countries).toEqual(['CN', 'KP']);
    expect(bridge.properties.kind).toBe('road_rail');
    expect(bridge.properties.sources[0]).toContain('de.wikipedia');
  });

  it('keeps crossings with unknown location, with a null geometry', async () => {
    const res = await t.request.get('/api/crossings');
    const unknown = res.body.features.filter((f: { geometry: unknown }) => f.geometry === null);
    expect(unknown).toHaveLength(5);
    for (const f of unknown) expect(f.properties.locationKnown).toBe(false);
  });

  it('summarises activity and marks synthetic-only crossings', async () => {
    await t.db.prisma.observation.create({
      data: {
        ...observationBody({ value: 5 }),
        direction: undefined,
        directionFrom: 'CN',
        directionTo: 'KP',
        observedAt: new Date('2025-11-01T00:00:00Z'),
        method: 'synthetic',
        submittedBy: 'crossings test',
        contentHash: '0'.repeat(64),
      } as never,
    });
    await t.request.post('/api/observations').set(t.as.observer).send(observationBody({ value: 9, observedAt: '2025-11-02T00:00:00Z' }));
    const res = await t.request.get(`/api/crossings/${DANDONG}`).set(t.as.analyst);
    expect(res.status).toBe(200);
    expect(res.body.properties.activity).toMatchObject({
      observations: 2,
      syntheticObservations: 1,
      syntheticOnly: false,
      lastObservedAt: '2025-11-02T00:00:00.000Z',
      latest: { queue_vehicles: { value: 9, method: 'field', synthetic: false } },
    });
  });

  it('sends an ETag and answers a matching If-None-Match with 304', async () => {
    const first = await t.request.get('/api/crossings');
    expect(first.headers.etag).toBeTruthy();
    const second = await t.request.get('/api/crossings').set('If-None-Match', first.headers.etag);
    expect(second.status).toBe(304);
    expect(second.text).toBeFalsy();
  });

  it('answers 404 for an unknown crossing', async () => {
    const res = await t.request.get('/api/crossings/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('crossings managed by admins', () => {
  it('adds a US–Mexico port with its location, and a known crossing without one', async () => {
    const laredo = {
      id: 'us-mx-laredo', nameEn: 'Laredo', countries: ['US', 'MX'], kind: 'road', location: { lat: 27.5, lon: -99.507 },
      sources: ['US BTS Border Crossing Entry Data, port code 2304'],
    };
    const res = await t.request.post('/api/admin/crossings').set(t.as.admin).send(laredo);
    expect(res.status).toBe(201);
    expect(res.body.geometry).toEqual({ type: 'Point', coordinates: [-99.507, 27.5] });
    const unknown = await t.request.post('/api/admin/crossings').set(t.as.admin)
      .send({ ...laredo, id: 'us-mx-somewhere', nameEn: 'Somewhere', location: null });
    expect(unknown.body.geometry).toBeNull();
    const again = await t.request.post('/api/admin/crossings').set(t.as.admin).send(laredo);
    expect(again.status).toBe(409);
    const moved = await t.request.patch('/api/admin/crossings/us-mx-somewhere').set(t.as.admin).send({ location: { lat: 31.76, lon: -106.45 }, status: 'open' });
    expect(moved.body.geometry.coordinates).toEqual([-106.45, 31.76]);
    expect(moved.body.properties.status).toBe('open');
    const list = await t.request.get('/api/crossings');
    expect(list.body.features.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['us-mx-laredo', 'us-mx-somewhere']));
  });

  it('names bad fields', async () => {
    const res = await t.request.post('/api/admin/crossings').set(t.as.admin)
      .send({ id: 'Bad Id', nameEn: '', countries: ['US', 'US'], kind: 'tunnel', location: { lat: 91, lon: 0 }, sources: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['countries', 'id', 'kind', 'location.lat', 'nameEn', 'sources'],
    );
  });
});
