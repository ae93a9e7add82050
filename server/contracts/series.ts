import { z } from 'zod';
import { METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES, direction, month, text } from './common.js';

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
