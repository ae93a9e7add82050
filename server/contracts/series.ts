import { z } from 'zod';
import { METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES, direction, month, text } from './common.js';
import { tradeFigureResponse } from './trade.js';

export const seriesQuery = z.strictObject({
  crossing: text().min(1).max(200),
  metric: z.enum(METRICS),
  from: month.optional(),
  to: month.optional(),
  vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
  method: z.enum(METHODS).optional(),
  direction: direction.optional(),
  /** Defaults to every status but `rejected`. */
  status: z.enum(REVIEW_STATUSES).optional(),
});

export type SeriesQuery = z.output<typeof seriesQuery>;

/** One crossing-month of activity: how many observations, and their sum, mean and max. */
const monthActivity = z.object({
  observations: z.number().int(),
  sum: z.number(),
  mean: z.number(),
  max: z.number(),
  synthetic: z.boolean().describe('Only made-up demo rows: never evidence (real and demo values are never combined)'),
});

/** `GET /api/series`: every month of the range; null where nothing was observed or no trade figure exists, never 0. */
export const seriesResponse = z.object({
  crossing: z.object({ id: z.string(), name: z.string(), countries: z.tuple([z.string(), z.string()]) }),
  metric: z.enum(METRICS),
  from: month.nullable(),
  to: month.nullable(),
  trade: z.object({ reporter: z.string(), partner: z.string() }).nullable().describe("Whose figures `months[].trade` are: the side that reports this pair's trade; null when neither does"),
  months: z.array(z.object({
    month,
    activity: monthActivity.nullable(),
    trade: z.object({ exports: tradeFigureResponse.nullable(), imports: tradeFigureResponse.nullable(), total: tradeFigureResponse.nullable() }).nullable(),
  })),
});
export type SeriesDto = z.output<typeof seriesResponse>;
