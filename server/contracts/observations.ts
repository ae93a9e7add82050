import { z } from 'zod';
import {
  COUNT_METRICS, METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES,
  dateTime, direction, fieldIssue, finiteNumber, httpUrl, instant, instantOrDate, iso2, text,
} from './common.js';

/** One observation as a client submits it. Unknown fields are refused so typos are not silently dropped. */
export const observationInput = z
  .strictObject({
    // Lower-cased: the database gives ids back that way, and an id in capitals is the same id (RFC 9562).
    id: z.uuid({ message: 'must be a UUID' }).transform((id) => id.toLowerCase()).optional(),
    crossingId: text().min(1).max(200),
    observedAt: instant,
    period: z.strictObject({ start: instant, end: instant }).optional(),
    metric: z.enum(METRICS),
    value: finiteNumber.min(0, 'must be 0 or more'),
    vehicleClass: z.enum(VEHICLE_CLASSES),
    direction: z.strictObject({ from: iso2, to: iso2 }).nullable().optional(),
    method: z.enum(METHODS),
    source: text().trim().min(1, 'is required').max(2000),
    /** The publisher's own name for what was counted, where finer than metric and class (BTS "Truck Containers Loaded"). */
    measure: text().trim().min(1).max(100).optional(),
    sourceUrl: httpUrl.optional(),
    retrievedAt: instant.optional(),
    observer: z
      .strictObject({
        lat: finiteNumber.min(-90).max(90),
        lon: finiteNumber.min(-180).max(180),
        accuracyM: finiteNumber.min(0).optional(),
      })
      .optional(),
    confidence: finiteNumber.min(0).max(1).optional(),
    notes: text().max(5000).optional(),
  })
  .superRefine((o, ctx) => {
    // Zod may run this even when a field above failed, so every check tolerates bad fields.
    const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
    if (o.period && isDate(o.period.start) && isDate(o.period.end) && o.period.end <= o.period.start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'must be after period.start' });
    }
    if (o.metric === 'crossed_vehicles' && !o.period) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'is required for crossed_vehicles (the span counted)' });
    }
    if (COUNT_METRICS.includes(o.metric) && typeof o.value === 'number' && !Number.isInteger(o.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a whole number for ${o.metric}` });
    }
    if (o.direction && o.direction.from === o.direction.to) {
      ctx.addIssue({ code: 'custom', path: ['direction', 'to'], message: 'must differ from direction.from' });
    }
    if (isDate(o.observedAt) && o.observedAt.getTime() > Date.now() + 24 * 3600_000) {
      ctx.addIssue({ code: 'custom', path: ['observedAt'], message: 'is more than a day in the future' });
    }
  });

export type ObservationInput = z.output<typeof observationInput>;

export const MAX_BATCH_ITEMS = 1000;

/** Items are validated one by one in the service, so one bad item does not sink the others. */
export const observationBatchInput = z.strictObject({
  items: z.array(z.unknown()).min(1, 'must hold at least one item').max(MAX_BATCH_ITEMS, `must hold at most ${MAX_BATCH_ITEMS} items`),
});

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

export const observationQuery = z.strictObject({
  crossing: text().min(1).max(200).optional(),
  metric: csv(z.enum(METRICS)).optional(),
  vehicleClass: csv(z.enum(VEHICLE_CLASSES)).optional(),
  /** `CN-KP` for a direction, `unknown` for observations without one. */
  direction: direction.optional(),
  method: csv(z.enum(METHODS)).optional(),
  status: csv(z.enum(REVIEW_STATUSES)).optional(),
  from: instantOrDate.optional(),
  to: instantOrDate.optional(),
  /** Up to 200 ids: the upload app asks what became of the observations it sent. */
  ids: csv(z.uuid({ message: 'must be observation ids' })).pipe(z.array(z.string()).max(200, 'at most 200 ids')).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: text().max(200).optional(),
});

export type ObservationQuery = z.output<typeof observationQuery>;

/** `GET /api/exports/observations.geojson|csv`: the list filters, every matching row (streamed). */
export const observationExportQuery = observationQuery.omit({ limit: true, cursor: true }).extend({
  /** `1`: start the CSV with a UTF-8 byte order mark, so Excel reads 中朝友谊桥 right. */
  bom: z.enum(['0', '1']).optional(),
});
export type ObservationExportQuery = z.output<typeof observationExportQuery>;

/** An observation as the API returns it. */
export const observationResponse = z.object({
  id: z.uuid(),
  crossingId: z.string(),
  observedAt: dateTime,
  period: z.object({ start: dateTime, end: dateTime }).nullable().describe('For counts: the half-open interval [start, end) counted'),
  metric: z.enum(METRICS),
  value: z.number(),
  vehicleClass: z.enum(VEHICLE_CLASSES),
  direction: z.object({ from: z.string(), to: z.string() }).nullable().describe('Null when the direction is unknown'),
  method: z.enum(METHODS),
  source: z.string(),
  measure: z.string().nullable().describe("The publisher's own name for what was counted (BTS \"Truck Containers Loaded\")"),
  sourceUrl: z.string().nullable(),
  retrievedAt: dateTime.nullable(),
  observer: z.object({ lat: z.number(), lon: z.number(), accuracyM: z.number().nullable() }).nullable().describe("Where the observer stood, if they shared it"),
  confidence: z.number().nullable().describe("0..1, the submitter's own confidence"),
  notes: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  reviewReason: z.string().nullable().describe("The reviewer's reason, on a rejected observation (its submitter learns why); null otherwise"),
  submittedBy: z.string(),
  synthetic: z.boolean().describe('True for made-up demo rows: never evidence'),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type ObservationDto = z.output<typeof observationResponse>;

/** `GET /api/observations`: one page, newest first. */
export const observationPageResponse = z.object({
  items: z.array(observationResponse),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});
export type ObservationPageDto = z.output<typeof observationPageResponse>;

/** `GET /api/observations/:id/audit`: who changed it, when, from what to what, oldest first. */
export const auditTrailResponse = z.object({
  items: z.array(z.object({
    at: dateTime,
    actor: z.string().describe('The name shown: the account, or an import or seed label'),
    actorUserId: z.uuid().nullable(),
    action: z.string().describe('create, approve, reject, …'),
    before: z.record(z.string(), z.unknown()).nullable().describe('The changed fields before (status, reviewReason), null on create'),
    after: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string().nullable(),
    importFileName: z.string().nullable().describe('For a row that came from a file: that file'),
  })),
});
export type AuditTrailDto = z.output<typeof auditTrailResponse>;

const itemError = <C extends string>(code: C) => z.object({ code: z.literal(code), message: z.string() });

/** `POST /api/observations/batch`: one result per item, in the order sent. */
export const observationBatchResponse = z.object({
  summary: z.object({ created: z.number().int(), existing: z.number().int(), conflict: z.number().int(), invalid: z.number().int() }),
  results: z.array(z.discriminatedUnion('status', [
    z.object({ index: z.number().int(), status: z.enum(['created', 'existing']), id: z.uuid() }),
    z.object({ index: z.number().int(), status: z.literal('conflict'), id: z.uuid(), error: itemError('conflict') }),
    z.object({ index: z.number().int(), status: z.literal('invalid'), error: itemError('invalid_request').extend({ details: z.object({ fields: z.array(fieldIssue) }) }) }),
  ])),
});
export type ObservationBatchDto = z.output<typeof observationBatchResponse>;
