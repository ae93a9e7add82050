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
export type RollupCell = { n: number; sum: number; mean: number; max: number; synthetic: boolean };

/** `GET /api/rollups/monthly`: every crossing with activity, each month of the range, null where empty. */
export type MonthlyRollupDto = {
  metric: string;
  months: string[];
  crossings: { id: string; values: (RollupCell | null)[] }[];
  /** Observations dated after the current month, left off the axis (unless `to` asks for them); null when none. */
  future?: { observations: number; months: string[] } | null;
};
