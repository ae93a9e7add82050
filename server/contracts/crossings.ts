import { z } from 'zod';
import { CROSSING_KINDS, CROSSING_STATUSES, METHODS, METRICS, VEHICLE_CLASSES, dateTime } from './common.js';
import { featureCollection, multiPolygonGeometry, pointFeature, polygonGeometry } from './geojson.js';

// What `GET /api/crossings` returns for each crossing, shared with the front end.

/** The newest counted observation of one metric at a crossing. */
const latestReading = z.object({
  value: z.number(),
  observedAt: dateTime,
  method: z.enum(METHODS),
  vehicleClass: z.enum(VEHICLE_CLASSES),
  synthetic: z.boolean(),
});

export const crossingActivity = z.object({
  observations: z.number().int(),
  syntheticOnly: z.boolean().describe('True when every observation here is made-up demo data'),
  syntheticObservations: z.number().int(),
  lastObservedAt: dateTime.nullable(),
  latest: z.partialRecord(z.enum(METRICS), latestReading).describe('Per metric (only those observed here): its newest counted reading'),
});

export const crossingProperties = z.object({
  id: z.string(),
  names: z.object({ en: z.string(), zh: z.string().nullable(), ko: z.string().nullable() }),
  countries: z.tuple([z.string(), z.string()]).describe('ISO 3166-1 alpha-2 of the two sides, in the order the source lists them'),
  kind: z.enum(CROSSING_KINDS),
  kindNote: z.string().nullable().describe("The source's own words for the kind"),
  status: z.enum(CROSSING_STATUSES),
  locationKnown: z.boolean(),
  queueZone: z.union([polygonGeometry, multiPolygonGeometry]).nullable().describe('Where vehicles queue, where known'),
  sources: z.array(z.string()),
  activity: crossingActivity,
});

/** One crossing (`GET /api/crossings/:id`, and the answer to adding or changing one). */
export const crossingFeatureResponse = pointFeature(crossingProperties);
/** `GET /api/crossings`: every crossing, located or not. */
export const crossingCollectionResponse = featureCollection(crossingFeatureResponse);

export type CrossingActivity = z.output<typeof crossingActivity>;
export type CrossingProperties = z.output<typeof crossingProperties>;
export type CrossingFeatureDto = z.output<typeof crossingFeatureResponse>;
export type CrossingCollectionDto = z.output<typeof crossingCollectionResponse>;
