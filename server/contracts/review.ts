import { z } from 'zod';
import { METHODS, REVIEW_STATUSES, dateTime, text } from './common.js';
import { observationResponse } from './observations.js';
import { photoResponse } from './submissions.js';

export const reviewDecisionInput = z
  .strictObject({
    ids: z.array(z.uuid({ message: 'must be an observation id' })).min(1, 'must name at least one observation').max(500),
    action: z.enum(['approve', 'reject']),
    reason: text().trim().min(1).max(1000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.action === 'reject' && !d.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when rejecting' });
    }
  });

const hours = z.coerce.number().min(0).max(24 * 3650);

export const reviewQueueQuery = z.strictObject({
  crossing: text().min(1).max(200).optional(),
  /** The submitting account's id. */
  observer: z.uuid({ message: 'must be a user id' }).optional(),
  method: text()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(METHODS)).min(1))
    .optional(),
  /** Age of the submission (time since it reached the server), in hours: at least / at most. */
  minAgeHours: hours.optional(),
  maxAgeHours: hours.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** From the previous page's `nextCursor`: the queue pages past 200 items without skipping or repeating. */
  cursor: text().max(200).optional(),
});
export type ReviewQueueQuery = z.output<typeof reviewQueueQuery>;

/** Why one submission is probably another one again. */
const duplicateReason = z.enum(['same_photo', 'same_value']);
export type DuplicateReason = z.output<typeof duplicateReason>;

/** Another observation this one likely repeats, with enough to judge without opening it. */
const likelyDuplicate = z.object({
  id: z.uuid(),
  reasons: z.array(duplicateReason),
  observedAt: dateTime,
  value: z.number(),
  status: z.enum(REVIEW_STATUSES).describe('Never rejected: a rejected observation is no duplicate'),
  submittedBy: z.string(),
});
export type LikelyDuplicate = z.output<typeof likelyDuplicate>;

/** Queue physics: this reading against the counts, lengths, waits and throughput seen near it (never changes data). */
export const queueCheck = z.object({
  check: z.enum(['length-vs-count', 'wait-vs-littles-law']),
  unit: z.enum(['m', 'vehicles', 'min']).describe("The unit of `observed` and `expected`: this observation's own"),
  observed: z.number().describe("What this observation says (for a Little's-law check made on a queue reading: the wait seen near it)"),
  expected: z.number().describe('What the companion observation(s) imply, in the same unit'),
  timesApart: z.number().nullable().describe('How many times apart the two figures are; null when one of them is 0 (infinitely apart)'),
  agrees: z.boolean().describe('Within a factor of 2'),
  from: z.array(z.uuid()).describe('The observations the expectation was computed from'),
  explanation: z.string(),
});
export type QueueCheck = z.output<typeof queueCheck>;

/** One pending submission in `GET /api/review/queue`. */
export const reviewQueueItem = observationResponse.extend({
  crossing: z.object({ id: z.string(), name: z.string(), lat: z.number().nullable(), lon: z.number().nullable() }),
  distanceToCrossingM: z.number().int().nullable().describe("How far the observer stood from the crossing, where both are known"),
  photos: z.array(photoResponse.omit({ bytes: true })),
  likelyDuplicates: z.array(likelyDuplicate).describe(
    'The same photo (any time), or the same crossing, metric, vehicle class, direction, period and value within the duplicate window; rejected observations never count',
  ),
  queueChecks: z.array(queueCheck),
});
export type ReviewQueueItem = z.output<typeof reviewQueueItem>;

/** `GET /api/review/queue`: one page of pending submissions, oldest observed first. */
export const reviewQueueResponse = z.object({
  duplicateWindowMinutes: z.number().int(),
  total: z.number().int().describe('Every pending submission the filters match'),
  nextCursor: z.string().nullable(),
  items: z.array(reviewQueueItem),
  facets: z.object({
    crossings: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
    observers: z.array(z.object({ id: z.uuid(), label: z.string(), count: z.number().int() })),
  }).describe('What the filters can offer: every crossing and observer with something pending, whatever is filtered now'),
});
export type ReviewQueueDto = z.output<typeof reviewQueueResponse>;

/** `POST /api/review/decisions`: what became of each id (deciding again the same way is `unchanged`). */
export const reviewDecisionResponse = z.object({
  results: z.array(z.object({ id: z.uuid(), status: z.enum(['approved', 'rejected', 'unchanged', 'not_found']) })),
});
export type ReviewDecisionDto = z.output<typeof reviewDecisionResponse>;
