import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SeriesQuery } from '../contracts/series.js';

export type MonthlyActivity = { month: string; observations: number; sum: number; mean: number; max: number; synthetic: boolean };

/**
 * Observations rolled up by UTC month. A count over a period belongs to the month its period
 * starts in; anything else to the month it was observed in.
 */
export async function listMonthlyActivity(
  prisma: PrismaClient,
  q: SeriesQuery & { fromDate?: Date; toDate?: Date },
): Promise<MonthlyActivity[]> {
  const bucket = Prisma.sql`coalesce(period_start, observed_at)`;
  const conditions = [
    Prisma.sql`crossing_id = ${q.crossing}`,
    Prisma.sql`metric = ${q.metric}::"Metric"`,
    q.status ? Prisma.sql`status = ${q.status}::"ReviewStatus"` : Prisma.sql`status <> 'rejected'`,
    ...(q.vehicleClass ? [Prisma.sql`vehicle_class = ${q.vehicleClass}::"VehicleClass"`] : []),
    ...(q.method ? [Prisma.sql`method = ${q.method}::"ObservationMethod"`] : []),
    ...(q.fromDate ? [Prisma.sql`${bucket} >= ${q.fromDate}`] : []),
    ...(q.toDate ? [Prisma.sql`${bucket} < ${q.toDate}`] : []),
  ];
  const rows = await prisma.$queryRaw<
    { month: string; observations: number; sum: number; mean: number; max: number; synthetic: boolean }[]
  >`
    SELECT to_char(${bucket} AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
           count(*)::int AS observations, sum(value) AS sum, avg(value) AS mean, max(value) AS max,
           bool_or(method = 'synthetic') AS synthetic
      FROM observations
     WHERE ${Prisma.join(conditions, ' AND ')}
     GROUP BY 1
     ORDER BY 1`;
  return rows;
}
