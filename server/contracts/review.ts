import { z } from 'zod';
import { text } from './common.js';
import { METHODS } from './vocabulary.js';
import type { ObservationDto } from './observations.js';
import type { QueueCheck } from '../analysis/queue-physics.js';

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
export type DuplicateReason = 'same_photo' | 'same_value';

/** Another observation this one likely repeats, with enough to judge without opening it. */
export type LikelyDuplicate = {
  id: string;
  reasons: DuplicateReason[];
  observedAt: string;
  value: number;
  status: string;
  submittedBy: string;
};

/** One pending submission in `GET /api/review/queue`. */
export type ReviewQueueItem = ObservationDto & {
  crossing: { id: string; name: string; lat: number | null; lon: number | null };
  distanceToCrossingM: number | null;
  photos: { url: string; width: number; height: number; lat: number | null; lon: number | null }[];
  /**
   * The same photo (any time), or the same crossing, metric, vehicle class, direction, period and value within
   * the duplicate window; rejected observations never count.
   */
  likelyDuplicates: LikelyDuplicate[];
  /** Queue physics: this reading against the counts, lengths, waits and throughput seen near it (never changes data). */
  queueChecks: QueueCheck[];
};
