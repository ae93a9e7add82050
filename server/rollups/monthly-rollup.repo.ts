import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { Metric, Method, VehicleClass } from '../contracts/common.js';
import { statusCondition, type StatusScope } from '../observations/status-condition.js';
import { countsVehicles } from '../observations/counted-measures.js';
import { borderCrossingIds } from '../crossings/crossings.repo.js';

export type RollupFilters = {
  metric: Metric;
  crossing?: string;
  /** Only the crossings joining these two countries, either way round (the rule of `joinsCountries`). */
  border?: readonly [string, string];
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
    ...(f.border ? [Prisma.sql`crossing_id IN ${borderCrossingIds(f.border)}`] : []),
    ...dimensionConditions(f, 'buckets'),
    ...(f.fromDate ? [Prisma.sql`month >= ${f.fromDate}::date`] : []),
    ...(f.toDate ? [Prisma.sql`month < ${f.toDate}::date`] : []),
  ];
  // One row per crossing with its buckets packed in one text ("days n sum max synthetic" per bucket, in one
  // same, unspecified order), split and summed into crossing-months here. Both database drivers decode a text
  // cheaply, while a row per bucket (PGlite's adapter: the embedded analysis of 100 crossings × 10 years went from
  // 77 ms to 227 ms) or arrays (node-postgres parses each in JS) cost more; and grouping, DISTINCT ON and ordered
  // arrays in SQL cost PostgreSQL more than summing here (bench/analysis.ts). A month goes as its day number since
  // 1970, which no DateStyle setting changes; float8's text is its shortest exact form, so no digit is lost.
  const crossings = await prisma.$queryRaw<{ c: string; b: string }[]>`
    SELECT crossing_id AS c,
           string_agg(concat_ws(' ', month - DATE '1970-01-01', n, sum, max, (method = 'synthetic')::int), ',') AS b
      FROM monthly_rollups
     WHERE ${Prisma.join(conditions, ' AND ')}
     GROUP BY crossing_id`;
  const monthOfDay = new Map<number, string>();
  const monthOf = (day: number) => {
    let m = monthOfDay.get(day);
    if (m === undefined) monthOfDay.set(day, (m = new Date(day * 86_400_000).toISOString().slice(0, 7)));
    return m;
  };
  const rows: MonthlyRollupRow[] = [];
  for (const { c, b } of crossings.sort((x, y) => (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))) {
    const months = new CrossingMonths(c);
    readPackedBuckets(b, months);
    for (const row of months.rows(monthOf)) rows.push(row);
  }
  return rows;
}

/** Reads "day n sum max synthetic" buckets joined by commas in one pass (a border's read has 12,000). */
function readPackedBuckets(packed: string, into: CrossingMonths) {
  const reader = new NumberReader(packed);
  while (reader.at < packed.length) {
    const day = reader.number();
    const n = reader.number();
    const sum = reader.number();
    const max = reader.number();
    into.add(day, n, sum, max, packed.charCodeAt(reader.at) === 49 /* '1' */);
    reader.at += 2;
  }
}

/** Numbers separated by single spaces or commas, read without splitting the text (which made most of the cost). */
class NumberReader {
  at = 0;

  constructor(private readonly text: string) {}

  /** The number at `at`, moving past it and its separator: integers digit by digit, anything else by `Number`. */
  number(): number {
    const { text } = this;
    const start = this.at;
    let i = start;
    const negative = text.charCodeAt(i) === 45; /* '-' */
    if (negative) i++;
    let value = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 44) break; /* ' ' or ',' */
      if (c < 48 || c > 57 || value > 1e15) {
        // A decimal point, an exponent, or past the exact integers: the general parse.
        let end = i;
        while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 44) end++;
        this.at = end + 1;
        return Number(text.slice(start, end));
      }
      value = value * 10 + (c - 48);
    }
    this.at = i + 1;
    return negative ? -value : value;
  }
}

/**
 * One crossing's buckets summed into months: a month's real buckets alone when it has any, else its demo
 * buckets, marked `synthetic`. `rows` lists the months in order.
 */
export class CrossingMonths {
  private readonly cells = new Map<number, MonthlyRollupRow>();

  constructor(readonly crossingId: string) {}

  /** A bucket of the month that starts `day` days after 1970-01-01. */
  add(day: number, n: number, sum: number, max: number, synthetic: boolean) {
    const cell = this.cells.get(day);
    if (!cell || (cell.synthetic && !synthetic)) {
      this.cells.set(day, { crossingId: this.crossingId, month: '', observations: n, sum, mean: 0, max, synthetic });
    } else if (cell.synthetic === synthetic) {
      cell.observations += n;
      cell.sum += sum;
      if (max > cell.max) cell.max = max;
    }
  }

  rows(monthOf: (day: number) => string): MonthlyRollupRow[] {
    return [...this.cells.keys()].sort((a, b) => a - b).map((day) => {
      const row = this.cells.get(day)!;
      row.month = monthOf(day);
      row.mean = row.sum / row.observations;
      return row;
    });
  }
}
