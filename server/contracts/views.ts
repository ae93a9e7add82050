import { z } from 'zod';
import { METHODS, METRICS, VEHICLE_CLASSES, direction, month, text } from './common.js';

/** The settings of a saved map view; the same fields the analyst map keeps in its URL. */
export const savedViewSettings = z.strictObject({
  crossing: text().min(1).max(200).nullable().default(null),
  month: month.nullable().default(null),
  from: month.nullable().default(null),
  to: month.nullable().default(null),
  metric: z.enum(METRICS).default('queue_vehicles'),
  vehicleClass: z.enum(VEHICLE_CLASSES).nullable().default(null),
  direction: direction.nullable().default(null),
  method: z.enum(METHODS).nullable().default(null),
  baseline: z.enum(['previous', 'trailing12']).default('previous'),
  /** The border the view analyses, `REPORTER-PARTNER` such as `US-MX`; null: the headline crossing's. */
  border: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/, 'must be REPORTER-PARTNER, such as US-MX').nullable().default(null),
  flow: z.enum(['imports', 'exports', 'total']).default('imports'),
  camera: z
    .strictObject({ zoom: z.number().min(0).max(24), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .default(null),
});

export type SavedViewSettings = z.output<typeof savedViewSettings>;

export const createSavedViewInput = z.strictObject({
  title: text().trim().min(1, 'is required').max(200),
  view: savedViewSettings,
});

export type SavedViewDto = {
  id: string;
  title: string;
  view: z.output<typeof savedViewSettings>;
  createdAt: string;
  /** Where the embed will live, and the snippet a publisher pastes. */
  embedUrl: string;
  embedCode: string;
};
