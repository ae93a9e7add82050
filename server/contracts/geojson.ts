import { z } from 'zod';

// GeoJSON (RFC 7946) as landport answers it: one definition of a point feature and a feature collection,
// shared by the crossings, the exports, the OGC items and the embed basemap, so they describe GeoJSON alike.

/** `[longitude, latitude]`, WGS 84 (RFC 7946 §3.1.1). */
export const position = z.tuple([z.number(), z.number()]).describe('[longitude, latitude] in WGS 84');

export const pointGeometry = z.object({ type: z.literal('Point'), coordinates: position });
export const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) });
/** A polygon cut to a box may leave empty parts (`[]`): readers skip them. */
export const multiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) });
export const multiLineStringGeometry = z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) });

/**
 * A feature located at a point, or nowhere: a crossing whose location no source gives (and its observations)
 * has a null geometry, never a guessed point.
 */
export const pointFeature = <P extends z.ZodType>(properties: P) =>
  z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: pointGeometry.nullable().describe('Null where no source gives the location'),
    properties,
  });

/** A FeatureCollection of `feature`s; `extra` adds the members a collection carries beside them (OGC paging). */
export const featureCollection = <F extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(feature: F, extra?: E) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature), ...(extra ?? ({} as E)) });
