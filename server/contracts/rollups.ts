import { z } from 'zod';
import { METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES, direction, month } from './common.js';

export const monthlyRollupQuery = z.strictObject({
  metric: z.enum(METRICS),
  vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
  method: z.enum(METHODS).optional(),
  direction: direction.optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  from: month.optional(),
  to: month.optional(),
});

export type MonthlyRollupQuery = z.output<typeof monthlyRollupQuery>;

/** One crossing-month: observation count, sum, mean and max of the values, any synthetic row. */
export const rollupCell = z.object({
  n: z.number().int(),
  sum: z.number(),
  mean: z.number(),
  max: z.number(),
  synthetic: z.boolean().describe('Only made-up demo rows (a month with real ones counts those alone)'),
});
export type RollupCell = z.output<typeof rollupCell>;

/** `GET /api/rollups/monthly`: every crossing with activity, each month of the range, null where empty. */
export const monthlyRollupResponse = z.object({
  metric: z.enum(METRICS),
  months: z.array(month),
  crossings: z.array(z.object({ id: z.string(), values: z.array(rollupCell.nullable()).describe('One per month of `months`') })),
  future: z.object({ observations: z.number().int(), months: z.array(month) }).nullable()
    .describe('Observations dated after the current month, left off the axis (unless `to` asks for them); null when none'),
});
export type MonthlyRollupDto = z.output<typeof monthlyRollupResponse>;
