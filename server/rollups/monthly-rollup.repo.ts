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
  // One row per crossing with its buckets as arrays (in one same, unspecified order), summed into
  // crossing-months here: PGlite's adapter decodes rows slowly (a row per bucket took the embedded analysis of
  // 100 crossings × 10 years from 77 ms to 227 ms), while grouping, DISTINCT ON and ordered arrays in SQL cost
  // PostgreSQL more than summing here (bench/analysis.ts).
  const crossings = await prisma.$queryRaw<{ c: string; m: string[]; s: boolean[]; n: number[]; sum: number[]; max: number[] }[]>`
    SELECT crossing_id AS c, array_agg(to_char(month, 'YYYY-MM')) AS m, array_agg(method = 'synthetic') AS s,
           array_agg(n::int) AS n, array_agg(sum) AS sum, array_agg(max) AS max
      FROM monthly_rollups
     WHERE ${Prisma.join(conditions, ' AND ')}
     GROUP BY crossing_id`;
  const buckets: Bucket[] = [];
  for (const x of crossings) {
    for (let i = 0; i < x.m.length; i++) buckets.push({ c: x.c, m: x.m[i], s: x.s[i], n: x.n[i], sum: x.sum[i], max: x.max[i] });
  }
  return keepRealOverDemo(buckets);
}

type Bucket = { c: string; m: string; s: boolean; n: number; sum: number; max: number };

/**
 * Buckets summed per crossing-month, by crossing, then month: a crossing-month's real buckets alone when it
 * has any, else its demo buckets, marked `synthetic`.
 */
export function keepRealOverDemo(buckets: Bucket[]): MonthlyRollupRow[] {
  const byCrossing = new Map<string, Map<string, MonthlyRollupRow>>();
  for (const b of buckets) {
    let months = byCrossing.get(b.c);
    if (!months) byCrossing.set(b.c, (months = new Map()));
    const cell = months.get(b.m);
    const n = Number(b.n);
    const sum = Number(b.sum);
    const max = Number(b.max);
    if (!cell || (cell.synthetic && !b.s)) {
      months.set(b.m, { crossingId: b.c, month: b.m, observations: n, sum, mean: 0, max, synthetic: b.s });
    } else if (cell.synthetic === b.s) {
      cell.observations += n;
      cell.sum += sum;
      if (max > cell.max) cell.max = max;
    }
  }
  const rows: MonthlyRollupRow[] = [];
  for (const id of [...byCrossing.keys()].sort()) {
    const months = byCrossing.get(id)!;
    for (const month of [...months.keys()].sort()) {
      const r = months.get(month)!;
      r.mean = r.sum / r.observations;
      rows.push(r);
    }
  }
  return rows;
}
