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

/** Limits of what an analyst writes about a view; the database checks the description's too. */
export const VIEW_TITLE_MAX = 200;
export const VIEW_DESCRIPTION_MAX = 1000;

const viewTitle = text().trim().min(1, 'is required').max(VIEW_TITLE_MAX);
/** Free text for the analysts managing embeds; an empty one (or null) clears it. */
const viewDescription = text()
  .trim()
  .max(VIEW_DESCRIPTION_MAX)
  .transform((s) => s || null)
  .nullable();

export const createSavedViewInput = z.strictObject({
  title: viewTitle,
  description: viewDescription.optional(),
  view: savedViewSettings,
});

/** `PATCH /api/views/:id`: the words around a published view; what it shows (its settings) never changes. */
export const updateSavedViewInput = z
  .strictObject({ title: viewTitle.optional(), description: viewDescription.optional() })
  .refine((b) => b.title !== undefined || b.description !== undefined, { message: 'must give title, description or both' });

/** `GET /api/views`: published views; `include=unpublished` lists the unpublished ones too. */
export const listSavedViewsQuery = z.object({
  include: z.enum(['unpublished']).optional(),
});

const dateTime = z.iso.datetime();

/** A saved view as anyone may read it (`GET /api/views/:id`, and the answer to saving one). */
export const savedViewResponse = z.object({
  id: z.string().regex(/^[0-9A-Za-z]{10}$/),
  title: z.string(),
  description: z.string().nullable(),
  view: savedViewSettings,
  createdAt: dateTime,
  /** When its title or description last changed (its creation time if never). */
  updatedAt: dateTime,
  /** Where the embed lives, and the snippet a publisher pastes. */
  embedUrl: z.url(),
  embedCode: z.string(),
});

/** A saved view as the analysts who manage embeds see it (`GET /api/views`, `PATCH /api/views/:id`). */
export const managedSavedViewResponse = savedViewResponse.extend({
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
  dataAsOf: dateTime.nullable().describe('When the newest approved observation the embed draws from was made; null when there is none'),
  unpublishedAt: dateTime.nullable().describe('Set once the view is unpublished (its embed then answers 410 Gone)'),
});

export const savedViewListResponse = z.object({ items: z.array(managedSavedViewResponse) });

export type SavedViewDto = z.output<typeof savedViewResponse>;
export type ManagedSavedViewDto = z.output<typeof managedSavedViewResponse>;
