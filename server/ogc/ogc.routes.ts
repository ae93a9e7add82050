import { Router, type Request, type Response } from 'express';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { ogcFormatQuery, ogcItemsQuery, type OgcItemsQuery } from '../contracts/ogc.js';
import { badRequest, notFound } from '../http/http-error.js';
import { publicOrigin } from '../http/public-origin.js';
import { parseOrThrow } from '../http/validate.js';
import { visibleObservations } from '../observations/visibility.js';
import { decodeCursor, encodeCursor } from '../observations/list-observations.js';
import { crossingFeature, observationFeature } from './ogc-features.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { OBSERVATION_QUERYABLES, collectionQueryables, collectionSchema, collectionXsd } from './ogc-schemas.js';
import type {
  OgcCollectionDto, OgcCollectionsDto, OgcConformanceDto, OgcItemDto, OgcItemsDto, OgcLandingDto,
} from '../contracts/ogc-responses.js';

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas',
];
const SCHEMA = 'application/schema+json';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';

type Bbox = [number, number, number, number];

/** Longitude range of a bbox; one crossing the antimeridian (west > east) is two ranges. */
function lonCondition([w, , e]: Bbox): Prisma.FloatNullableFilter | { OR: Prisma.CrossingWhereInput[] } {
  return w <= e ? { gte: w, lte: e } : { OR: [{ lon: { gte: w } }, { lon: { lte: e } }] };
}

function crossingInBbox(b: Bbox): Prisma.CrossingWhereInput {
  const lon = lonCondition(b);
  const lat = { gte: b[1], lte: b[3] };
  return 'OR' in lon ? { lat, OR: lon.OR } : { lat, lon };
}

const COLLECTIONS = {
  crossings: {
    title: 'Land border crossings',
    description: 'Road, rail and pedestrian crossings; a crossing whose location no public source gives has a null geometry.',
  },
  observations: {
    title: 'Observations at crossings',
    description:
      'Queues, crossings, wait times and queue lengths, each with its method and source, placed at its crossing. ' +
      'The public sees approved observations only; datetime filters on when it was observed.',
  },
} as const;
type CollectionId = keyof typeof COLLECTIONS;

/** OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) under `/ogc`, for GDAL, QGIS and ArcGIS. */
export function ogcRouter(prisma: PrismaClient, publicUrl?: string): Router {
  const router = Router();
  const base = (req: Request) => `${publicOrigin(req, publicUrl)}/ogc`;
  const json = (res: Response, body: unknown, type = 'application/json') => res.type(type).send(JSON.stringify(body));

  async function extent(id: CollectionId): Promise<OgcCollectionDto['extent']> {
    const box = await prisma.crossing.aggregate({ _min: { lat: true, lon: true }, _max: { lat: true, lon: true } });
    const bbox = [box._min.lon ?? -180, box._min.lat ?? -90, box._max.lon ?? 180, box._max.lat ?? 90];
    const spatial = { bbox: [bbox], crs: CRS84 };
    if (id === 'crossings') return { spatial };
    const time = await prisma.observation.aggregate({ where: { status: 'approved' }, _min: { observedAt: true }, _max: { observedAt: true } });
    return { spatial, temporal: { interval: [[time._min.observedAt?.toISOString() ?? null, time._max.observedAt?.toISOString() ?? null]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } };
  }

  async function collection(req: Request, id: CollectionId): Promise<OgcCollectionDto> {
    const url = `${base(req)}/collections/${id}`;
    return {
      id, ...COLLECTIONS[id], itemType: 'feature', crs: [CRS84], extent: await extent(id),
      links: [
        { href: url, rel: 'self', type: 'application/json', title: 'This collection' },
        { href: `${url}/items`, rel: 'items', type: GEOJSON, title: 'Its features (GeoJSON)' },
        { href: `${url}/schema`, rel: 'describedby', type: SCHEMA, title: 'JSON Schema of its features' },
        { href: `${url}/schema`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/schema', type: SCHEMA, title: 'JSON Schema of its features' },
        { href: `${url}/schema.xsd`, rel: 'describedBy', type: 'application/xml', title: 'The same schema as XSD (for GDAL before 3.9)' },
        { href: `${url}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: SCHEMA, title: 'What its features can be filtered by' },
      ],
    };
  }

  const collectionId = (req: Request): CollectionId => {
    const id = String(req.params.collectionId);
    if (id !== 'crossings' && id !== 'observations') throw notFound(`Collection ${id}`);
    return id;
  };

  router.get('/', (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    const b = base(req);
    const origin = publicOrigin(req, publicUrl);
    json(res, {
      title: 'landport',
      description: 'Activity at land border crossings beside the customs trade figures, as OGC API – Features.',
      links: [
        { href: `${b}`, rel: 'self', type: 'application/json', title: 'This document' },
        { href: `${b}/openapi.json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'The API definition (OpenAPI 3.0)' },
        { href: `${origin}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
        { href: `${b}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
        { href: `${b}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    } satisfies OgcLandingDto);
  });

  // The oas30 conformance class: the OGC part of the API as OpenAPI 3.0 (the whole API is 3.1 at /api/openapi.json).
  let ogcOpenApi: string | null = null;
  router.get('/openapi.json', (_req, res) => {
    ogcOpenApi ??= JSON.stringify(openApiDocument({ version: '3.0.3', pathPrefix: '/ogc' }));
    res.type('application/vnd.oai.openapi+json;version=3.0').send(ogcOpenApi);
  });

  router.get('/conformance', (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    json(res, { conformsTo: CONFORMANCE } satisfies OgcConformanceDto);
  });

  router.get('/collections', async (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    json(res, {
      links: [{ href: `${base(req)}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
      collections: [await collection(req, 'crossings'), await collection(req, 'observations')],
    } satisfies OgcCollectionsDto);
  });

  router.get('/collections/:collectionId', async (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    json(res, await collection(req, collectionId(req)));
  });

  router.get('/collections/:collectionId/schema', (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    const id = collectionId(req);
    json(res, collectionSchema(id, `${base(req)}/collections/${id}/schema`), SCHEMA);
  });

  router.get('/collections/:collectionId/schema.xsd', (req, res) => {
    res.type('application/xml').send(collectionXsd(collectionId(req)));
  });

  router.get('/collections/:collectionId/queryables', (req, res) => {
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    const id = collectionId(req);
    json(res, collectionQueryables(id, `${base(req)}/collections/${id}/queryables`), SCHEMA);
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const id = collectionId(req);
    const q = parseOrThrow(ogcItemsQuery, req.query, 'query');
    // Each collection pages one way; a client asking the other way would get page one forever.
    if (id === 'crossings' && q.cursor) throw badRequest([{ path: 'query.cursor', message: 'crossings page by offset (follow the next link)' }]);
    if (q.cursor && q.offset !== undefined) throw badRequest([{ path: 'query.offset', message: 'cannot be combined with cursor (follow the next link)' }]);
    if (id === 'crossings') for (const f of OBSERVATION_QUERYABLES) if (q[f]) throw badRequest([{ path: `query.${f}`, message: 'filters observations only (see the queryables)' }]);
    const page = id === 'crossings' ? await crossingsPage(q) : await observationsPage(q, req);
    const self = `${base(req)}/collections/${id}/items`;
    const asked = new URLSearchParams(Object.entries(req.query as Record<string, string>));
    const keep = new URLSearchParams([...asked].filter(([k]) => k !== 'cursor' && k !== 'offset'));
    const links = [{ href: `${self}${asked.size ? `?${asked}` : ''}`, rel: 'self', type: GEOJSON, title: 'This page' }];
    if (page.next) {
      const next = new URLSearchParams(keep);
      for (const [k, v] of Object.entries(page.next)) next.set(k, v);
      links.push({ href: `${self}?${next}`, rel: 'next', type: GEOJSON, title: 'Next page' });
    }
    json(res, {
      type: 'FeatureCollection', features: page.features, numberReturned: page.features.length, timeStamp: new Date().toISOString(), links,
    } satisfies OgcItemsDto, GEOJSON);
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const id = collectionId(req);
    parseOrThrow(ogcFormatQuery, req.query, 'query');
    const fid = String(req.params.featureId);
    let feature;
    if (id === 'crossings') {
      const c = await prisma.crossing.findUnique({ where: { id: fid } });
      feature = c && crossingFeature(c);
    } else {
      const o = /^[0-9a-f-]{36}$/i.test(fid)
        ? await prisma.observation.findFirst({ where: { AND: [{ id: fid }, visibleObservations(req.user)] }, include: { crossing: { select: { lat: true, lon: true } } } })
        : null;
      feature = o && observationFeature(o);
    }
    if (!feature) throw notFound(`Feature ${fid} in ${id}`);
    const self = `${base(req)}/collections/${id}/items/${encodeURIComponent(fid)}`;
    json(res, { ...feature, links: [
      { href: self, rel: 'self', type: GEOJSON, title: 'This feature' },
      { href: `${base(req)}/collections/${id}`, rel: 'collection', type: 'application/json', title: 'Its collection' },
    ] } satisfies OgcItemDto, GEOJSON);
  });

  /** Crossings are few (hundreds): offset paging, ordered by id. */
  async function crossingsPage(q: OgcItemsQuery) {
    const offset = q.offset ?? 0;
    const rows = await prisma.crossing.findMany({
      where: q.bbox ? crossingInBbox(q.bbox) : {}, orderBy: { id: 'asc' }, skip: offset, take: q.limit + 1,
    });
    return {
      features: rows.slice(0, q.limit).map(crossingFeature),
      next: rows.length > q.limit ? { offset: String(offset + q.limit), limit: String(q.limit) } : null,
    };
  }

  /** Observations may be millions: keyset paging on (observed_at, id), newest first, never skipping or repeating. */
  async function observationsPage(q: OgcItemsQuery, req: Request) {
    const and: Prisma.ObservationWhereInput[] = [visibleObservations(req.user)];
    if (q.bbox) and.push({ crossing: crossingInBbox(q.bbox) });
    if (q.datetime?.from) and.push({ observedAt: { gte: q.datetime.from } });
    if (q.datetime?.to) and.push({ observedAt: { lt: q.datetime.to } });
    if (q.crossing_id) and.push({ crossingId: q.crossing_id });
    if (q.metric) and.push({ metric: { in: q.metric } });
    if (q.method) and.push({ method: { in: q.method } });
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      const t = new Date(c.t);
      and.push({ OR: [{ observedAt: { lt: t } }, { observedAt: t, id: { lt: c.id } }] });
    }
    const rows = await prisma.observation.findMany({
      where: { AND: and }, orderBy: [{ observedAt: 'desc' }, { id: 'desc' }], take: q.limit + 1,
      // `offset` works too (clients that page by it, such as OWSLib); the next link keeps to the way asked.
      ...(q.offset !== undefined && { skip: q.offset }),
      include: { crossing: { select: { lat: true, lon: true } } },
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      features: page.map(observationFeature),
      next: rows.length > q.limit && last
        ? q.offset !== undefined
          ? { offset: String(q.offset + q.limit), limit: String(q.limit) }
          : { cursor: encodeCursor({ t: last.observedAt.toISOString(), id: last.id }), limit: String(q.limit) }
        : null,
    };
  }

  return router;
}
