import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { Metric, Method, VehicleClass } from '../contracts/common.js';
import { statusCondition, type StatusScope } from '../observations/status-condition.js';
import { countsVehicles } from '../observations/counted-measures.js';

export type RollupFilters = {
  metric: Metric;
  crossing?: string;
  /** Only these crossings (a border's). */
  crossings?: string[];
  vehicleClass?: VehicleClass;
  method?: Method;
  /** `FROM-TO` such as `CN-KP`, or `unknown`. */
  direction?: string;
  /** Which review statuses count (see aggregateStatus). */
  scope: StatusScope;
  fromDate?: Date;
  toDate?: Date;
};

export type MonthlyRollupRow = {
  crossingId: string;
  month: string;
  observations: number;
  sum: number;
  mean: number;
  max: number;
  synthetic: boolean;
};

/**
 * The view filters every aggregate shares (vehicle class, method, direction), for rows of
 * `observations` or of `monthly_rollups`, where an unknown direction is '' rather than NULL.
 */
export function dimensionConditions(
  f: { vehicleClass?: string | null; method?: string | null; direction?: string | null },
  rows: 'observations' | 'buckets',
): Prisma.Sql[] {
  const direction = (d: string) => {
    if (d === 'unknown') return rows === 'buckets' ? Prisma.sql`direction_from = ''` : Prisma.sql`direction_from IS NULL`;
    const [from, to] = d.split('-');
    return Prisma.sql`direction_from = ${from} AND direction_to = ${to}`;
  };
  return [
    ...(f.vehicleClass ? [Prisma.sql`vehicle_class = ${f.vehicleClass}::"VehicleClass"`] : []),
    ...(f.method ? [Prisma.sql`method = ${f.method}::"ObservationMethod"`] : []),
    ...(f.direction ? [direction(f.direction)] : []),
  ];
}

/**
 * Observations rolled up by crossing and UTC month, read from `monthly_rollups`, which triggers
 * keep current on every write and review decision (so a million rows cost a few thousand
 * buckets here). A count over a period belongs to the month its period starts in; anything
 * else to the month it was observed in. Mean = sum / n over the buckets, as over the rows.
 * Real and synthetic values never meet in one number: a crossing-month with real observations
 * is those alone (its demo rows are left out); one with only demo rows is marked `synthetic`.
 */
export async function listMonthlyRollup(prisma: PrismaClient, f: RollupFilters): Promise<MonthlyRollupRow[]> {
  const conditions = [
    Prisma.sql`metric = ${f.metric}::"Metric"`,
    statusCondition(f.scope),
    countsVehicles,
    ...(f.crossing ? [Prisma.sql`crossing_id = ${f.crossing}`] : []),
    ...(f.crossings ? [Prisma.sql`crossing_id IN (${Prisma.join(f.crossings.length ? f.crossings : [''])})`] : []),
    ...dimensionConditions(f, 'buckets'),
    ...(f.fromDate ? [Prisma.sql`month >= ${f.fromDate}::date`] : []),
    ...(f.toDate ? [Prisma.sql`month < ${f.toDate}::date`] : []),
  ];
  // One row per crossing with its months as arrays: a border of 100 crossings over 10 years is 100 rows to
  // decode, not 12,000 (decoding rows was most of the time). A crossing-month's real bucket sorts before its
  // demo bucket (false < true), and DISTINCT ON keeps only the first.
  const crossings = await prisma.$queryRaw<{ crossingId: string; months: string[]; n: number[]; sum: number[]; max: number[]; synthetic: boolean[] }[]>`
    WITH cells AS (
      SELECT crossing_id, month, (method = 'synthetic') AS synthetic, sum(n)::int AS n, sum(sum) AS sum, max(max) AS max
        FROM monthly_rollups
       WHERE ${Prisma.join(conditions, ' AND ')}
       GROUP BY 1, 2, 3
    ), kept AS (
      SELECT DISTINCT ON (crossing_id, month) * FROM cells ORDER BY crossing_id, month, synthetic
    )
    SELECT crossing_id AS "crossingId", array_agg(to_char(month, 'YYYY-MM') ORDER BY month) AS months,
           array_agg(n ORDER BY month) AS n, array_agg(sum ORDER BY month) AS sum, array_agg(max ORDER BY month) AS max,
           array_agg(synthetic ORDER BY month) AS synthetic
      FROM kept
     GROUP BY 1
     ORDER BY 1`;
  const rows: MonthlyRollupRow[] = [];
  for (const c of crossings) {
    c.months.forEach((month, i) => {
      const n = Number(c.n[i]);
      const sum = Number(c.sum[i]);
      rows.push({ crossingId: c.crossingId, month, observations: n, sum, mean: sum / n, max: Number(c.max[i]), synthetic: c.synthetic[i] });
    });
  }
  return rows;
}
