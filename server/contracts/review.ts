import { z } from 'zod';

export const reviewDecisionInput = z
  .strictObject({
    ids: z.array(z.uuid({ message: 'must be an observation id' })).min(1, 'must name at least one observation').max(500),
    action: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.action === 'reject' && !d.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when rejecting' });
    }
  });

export const reviewQueueQuery = z.strictObject({
  crossing: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
