import { z } from 'zod';
import { text } from './common.js';
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

export const reviewQueueQuery = z.strictObject({
  crossing: text().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One pending submission in `GET /api/review/queue`. */
export type ReviewQueueItem = ObservationDto & {
  crossing: { id: string; name: string; lat: number | null; lon: number | null };
  distanceToCrossingM: number | null;
  photos: { url: string; width: number; height: number; lat: number | null; lon: number | null }[];
  likelyDuplicates: string[];
  /** Queue physics: this reading against the counts, lengths, waits and throughput seen near it (never changes data). */
  queueChecks: QueueCheck[];
};
