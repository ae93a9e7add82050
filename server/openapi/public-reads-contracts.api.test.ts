import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrade } from '../seed/seed-trade.js';
import { documentedResponses, type DocumentedResponses } from '../test/documented-response.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Every public read against the response it documents in the served OpenAPI documents (see documented-response.ts).

let t: TestApp;
let doc: DocumentedResponses;
let viewId: string;
let observationId: string;

async function approved(overrides: Record<string, unknown>) {
  const body = observationBody(overrides);
  await t.request.post('/api/observations').set(t.as.observer).send(body).expect(201);
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [body.id], action: 'approve' }).expect(200);
  return body.id;
}

beforeAll(async () => {
  // A public URL: supertest gives every request its own port, and oEmbed takes only URLs of this server's origin.
  t = await startTestApp({ publicUrl: 'https://landport.example', embeds: { refreshSeconds: 30, cacheSeconds: 0, frameAncestors: '*' } });
  await seedTrade(t.db.prisma);
  // Every optional field filled once, so each is checked as sent; the others leave them null.
  observationId = await approved({
    observedAt: '2025-10-04T08:00:00Z', value: 100, measure: 'trucks waiting', sourceUrl: 'https://example.org/report', retrievedAt: '2025-10-05T00:00:00Z',
    observer: { lat: 40.1, lon: 124.4, accuracyM: 12 }, confidence: 0.8, notes: 'from the promenade',
  });
  await approved({ observedAt: '2025-11-03T08:00:00Z', value: 120, direction: null });
  await approved({ metric: 'crossed_vehicles', observedAt: '2025-11-04T00:00:00Z', period: { start: '2025-11-03T00:00:00Z', end: '2025-11-04T00:00:00Z' }, value: 300 });
  // A small camera (zoom 2): the embed's basemap is cut from the 1:110m world, which loads fast.
  const saved = await t.request.post('/api/views').set(t.as.analyst)
    .send({ title: 'Dandong trucks', view: { crossing: DANDONG, metric: 'queue_vehicles', from: '2025-09', to: '2025-12', camera: { zoom: 2, lat: 40, lng: 124 } } })
    .expect(201);
  viewId = saved.body.id;
  doc = await documentedResponses(t);
}, 120_000);
afterAll(() => t.cleanup());

const get = (url: string, query: Record<string, string> = {}) => t.request.get(url).query(query).expect((r) => expect(r.status).toBe(200));

describe('public reads answer as their OpenAPI documents say', () => {
  it('meta: health, app settings and both API documents', async () => {
    doc.check('get', '/health', await get('/health'));
    doc.check('get', '/api/app-config', await get('/api/app-config'));
    doc.check('get', '/api/openapi.json', await get('/api/openapi.json'));
    doc.check('get', '/ogc/openapi.json', await get('/ogc/openapi.json'));
  });

  it('crossings, observations and the GeoJSON export', async () => {
    const all = doc.check('get', '/api/crossings', await get('/api/crossings')) as { features: { properties: { activity: { observations: number } } }[] };
    expect(all.features.some((f) => f.properties.activity.observations > 0)).toBe(true);
    doc.check('get', '/api/crossings/{id}', await get(`/api/crossings/${DANDONG}`));
    doc.check('get', '/api/observations', await get('/api/observations', { limit: '2' }));
    doc.check('get', '/api/observations', await get('/api/observations').set(t.as.analyst));
    doc.check('get', '/api/observations/{id}', await get(`/api/observations/${observationId}`));
    doc.check('get', '/api/exports/observations.geojson', await get('/api/exports/observations.geojson'));
  });

  it('trade, series, rollups and the analysis', async () => {
    doc.check('get', '/api/trade/monthly', await get('/api/trade/monthly', { from: '2025-01', to: '2025-12' }));
    doc.check('get', '/api/trade/annual', await get('/api/trade/annual'));
    const series = doc.check('get', '/api/series', await get('/api/series', { crossing: DANDONG, metric: 'queue_vehicles' })) as { months: { trade: unknown }[] };
    expect(series.months.some((m) => m.trade)).toBe(true);
    doc.check('get', '/api/rollups/monthly', await get('/api/rollups/monthly', { metric: 'queue_vehicles' }));
    doc.check('get', '/api/analysis', await get('/api/analysis', { crossing: DANDONG, metric: 'queue_vehicles' }));
    doc.check('get', '/api/analysis/borders', await get('/api/analysis/borders'));
  });

  it('a published view and its embed: data, basemap and oEmbed', async () => {
    const view = doc.check('get', '/api/views/{id}', await get(`/api/views/${viewId}`)) as { embedUrl: string };
    const data = doc.check('get', '/embed/{id}/data.json', await get(`/embed/${viewId}/data.json`)) as { trade: unknown; basemapUrl: string };
    expect(data.trade).not.toBeNull();
    doc.check('get', '/embed/{id}/basemap.json', await get(data.basemapUrl));
    doc.check('get', '/oembed', await get('/oembed', { url: view.embedUrl }));
    // Too narrow for a thumbnail: the answer leaves those fields out.
    doc.check('get', '/oembed', await get('/oembed', { url: view.embedUrl, maxwidth: '150' }));
  });

  it('OGC API – Features, in the 3.1 and the 3.0 document', async () => {
    doc.check('get', '/ogc', await get('/ogc'));
    doc.check('get', '/ogc/conformance', await get('/ogc/conformance'));
    doc.check('get', '/ogc/collections', await get('/ogc/collections'));
    for (const id of ['crossings', 'observations']) {
      doc.check('get', '/ogc/collections/{collectionId}', await get(`/ogc/collections/${id}`));
      doc.check('get', '/ogc/collections/{collectionId}/schema', await get(`/ogc/collections/${id}/schema`));
      doc.check('get', '/ogc/collections/{collectionId}/queryables', await get(`/ogc/collections/${id}/queryables`));
      const page = doc.check('get', '/ogc/collections/{collectionId}/items', await get(`/ogc/collections/${id}/items`, { limit: '2' })) as { features: { id: string }[] };
      doc.check('get', '/ogc/collections/{collectionId}/items/{featureId}', await get(`/ogc/collections/${id}/items/${page.features[0].id}`));
    }
  });

  it('and the check is strict: a field the document does not name, or one it requires and is missing, fails', async () => {
    const res = await get('/api/series', { crossing: DANDONG, metric: 'queue_vehicles' });
    const body = JSON.parse(res.text) as Record<string, unknown> & { crossing: Record<string, unknown> };
    const check = (b: unknown) => doc.problems('3.1', 'get', '/api/series', 200, 'application/json', b);
    expect(check(body)).toEqual([]);
    expect(check({ ...body, undocumented: 1 })).not.toEqual([]);
    expect(check({ ...body, crossing: { ...body.crossing, nameEn: 'x' } })).not.toEqual([]);
    const { months: _months, ...withoutMonths } = body;
    expect(check(withoutMonths)).not.toEqual([]);
  });
});
