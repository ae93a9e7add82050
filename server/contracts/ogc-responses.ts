import { z } from 'zod';
import { CROSSING_KINDS, CROSSING_STATUSES, METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES, dateTime } from './common.js';
import { featureCollection, pointFeature } from './geojson.js';

// The answers of OGC API – Features (server/ogc/ogc.routes.ts), as the standard's own schemas have them
// (landingPage, confClasses, collections, collection, featureCollectionGeoJSON, featureGeoJSON, link).

const link = z.object({ href: z.url(), rel: z.string(), type: z.string(), title: z.string() });
const links = z.array(link);

/** `GET /ogc`. */
export const ogcLandingResponse = z.object({ title: z.string(), description: z.string(), links });

/** `GET /ogc/conformance`. */
export const ogcConformanceResponse = z.object({ conformsTo: z.array(z.url()) });

const COLLECTION_IDS = ['crossings', 'observations'] as const;

/** `GET /ogc/collections/:collectionId`. */
export const ogcCollectionResponse = z.object({
  id: z.enum(COLLECTION_IDS),
  title: z.string(),
  description: z.string(),
  itemType: z.literal('feature'),
  crs: z.array(z.url()),
  extent: z.object({
    spatial: z.object({ bbox: z.array(z.array(z.number()).length(4)).describe('minLon, minLat, maxLon, maxLat of every crossing'), crs: z.url() }),
    temporal: z.object({
      interval: z.array(z.array(dateTime.nullable()).length(2)).describe('The first and last approved observation; null where there is none'),
      trs: z.url(),
    }).optional().describe('Observations only'),
  }),
  links,
});

/** `GET /ogc/collections`. */
export const ogcCollectionsResponse = z.object({ links, collections: z.array(ogcCollectionResponse) });

/**
 * `GET /ogc/collections/:collectionId/schema` and `/queryables`: a JSON Schema (draft 2020-12) of the features'
 * properties. Its `$schema` and `$id` are left to the description: JSON Schema tools read a property named `$id`
 * inside `properties` as an identifier of their own and refuse the document.
 */
export const ogcJsonSchemaResponse = z.looseObject({
  type: z.literal('object'),
  title: z.string(),
  properties: z.record(z.string(), z.record(z.string(), z.unknown())).describe('Property name → its JSON Schema'),
}).describe('Also `$schema` (https://json-schema.org/draft/2020-12/schema) and `$id` (this URL)');

/**
 * A crossing as an OGC feature: flat, scalar properties (GDAL and QGIS read nested objects poorly). Property
 * names and types are those of the collection's schema (server/ogc/ogc-schemas.ts).
 */
export const ogcCrossingFeature = pointFeature(z.object({
  name_en: z.string(),
  name_zh: z.string().nullable(),
  name_ko: z.string().nullable(),
  country_a: z.string(),
  country_b: z.string(),
  kind: z.enum(CROSSING_KINDS),
  kind_note: z.string().nullable(),
  status: z.enum(CROSSING_STATUSES),
  sources: z.string().describe('Separated by " | "'),
}));
export type OgcCrossingFeatureDto = z.output<typeof ogcCrossingFeature>;

/** An observation as an OGC (and export) feature, at its crossing's location; never the observer's own position. */
export const ogcObservationFeature = pointFeature(z.object({
  crossing_id: z.string(),
  observed_at: dateTime,
  period_start: dateTime.nullable(),
  period_end: dateTime.nullable(),
  metric: z.enum(METRICS),
  value: z.number().describe('A decimal number: waits and queue lengths have fractions'),
  vehicle_class: z.enum(VEHICLE_CLASSES),
  direction_from: z.string().nullable(),
  direction_to: z.string().nullable(),
  method: z.enum(METHODS),
  source: z.string(),
  measure: z.string().nullable(),
  source_url: z.string().nullable(),
  retrieved_at: dateTime.nullable(),
  confidence: z.number().nullable(),
  notes: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  submitted_by: z.string(),
  synthetic: z.boolean(),
}));
export type OgcObservationFeatureDto = z.output<typeof ogcObservationFeature>;

/** `GET /api/exports/observations.geojson`: every matching observation (RFC 7946), streamed. */
export const observationExportResponse = featureCollection(ogcObservationFeature);

/** Either collection's feature: the path's collectionId says which. */
const ogcFeature = z.union([ogcCrossingFeature, ogcObservationFeature]);

/** `GET /ogc/collections/:collectionId/items`: one page. */
export const ogcItemsResponse = featureCollection(ogcFeature, {
  numberReturned: z.number().int(),
  timeStamp: dateTime,
  links: links.describe('self, and next while there are more'),
});
export type OgcItemsDto = z.output<typeof ogcItemsResponse>;

/** `GET /ogc/collections/:collectionId/items/:featureId`. */
export const ogcItemResponse = z.union([ogcCrossingFeature.extend({ links }), ogcObservationFeature.extend({ links })]);
export type OgcItemDto = z.output<typeof ogcItemResponse>;

export type OgcLandingDto = z.output<typeof ogcLandingResponse>;
export type OgcConformanceDto = z.output<typeof ogcConformanceResponse>;
export type OgcCollectionDto = z.output<typeof ogcCollectionResponse>;
export type OgcCollectionsDto = z.output<typeof ogcCollectionsResponse>;
export type OgcJsonSchemaDto = z.output<typeof ogcJsonSchemaResponse>;
