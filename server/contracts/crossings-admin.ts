import { z } from 'zod';
import { CROSSING_KINDS, CROSSING_STATUSES, finiteNumber, iso2, text } from './common.js';

const location = z.strictObject({ lat: finiteNumber.min(-90).max(90), lon: finiteNumber.min(-180).max(180) });

const crossingFields = {
  nameEn: text().trim().min(1).max(300),
  nameZh: text().trim().min(1).max(300).nullable().optional(),
  nameKo: text().trim().min(1).max(300).nullable().optional(),
  countries: z.tuple([iso2, iso2]).refine(([a, b]) => a !== b, 'must be two different countries'),
  kind: z.enum(CROSSING_KINDS),
  kindNote: text().max(1000).nullable().optional(),
  /** Null keeps a crossing whose location no source gives. */
  location: location.nullable(),
  status: z.enum(CROSSING_STATUSES).default('unknown'),
  sources: z.array(text().trim().min(1).max(2000)).min(1, 'name at least one source').max(50),
  /** Metres per queued truck per lane, for the queue checks; null = the default 25 m. */
  queueSpacingM: finiteNumber.gt(0).max(500).nullable().optional(),
  /** Lanes the queue forms; null = 1. */
  queueLanes: z.number().int().min(1).max(50).nullable().optional(),
};

export const createCrossingInput = z.strictObject({
  id: text().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens').max(120),
  ...crossingFields,
});

export const updateCrossingInput = z.strictObject(
  Object.fromEntries(Object.entries(crossingFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
    [K in keyof typeof crossingFields]: z.ZodOptional<(typeof crossingFields)[K]>;
  },
);
