import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SavedViewSettings } from '../contracts/views.js';
import { countsVehicles } from '../observations/counted-measures.js';
import { dimensionConditions } from '../rollups/monthly-rollup.repo.js';
import { monthStart, nextMonthStart } from '../time/month-bounds.js';

/** Where one crossing-month's value came from: its sources and methods, most observations first. */
export type MonthSources = { sources: string[]; methods: string[]; observations: number; synthetic: boolean };

/** Per crossing, per month (`YYYY-MM`): the observations behind each value an embed shows. */
export type ActivitySources = Map<string, Map<string, MonthSources>>;

type Row = { c: string; m: string; source: string; method: string; n: number };

/** How many sources the embed's one-line credit names. */
const CREDITED_SOURCES = 5;

const byCountThenName = ([a, n]: [string, number], [b, m]: [string, number]) => m - n || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The sources and methods of the approved observations behind every value an embed shows: the headline
 * crossing's in each month of the range, and the other crossings' on the map in the headline month. One grouped
 * read of the rows the monthly rollup counts (same filters, same month of a count's period start), returning a
 * row per crossing, month, source and method. `credited`: the headline crossing's most used sources overall,
 * the embed's one-line credit.
 */
export async function activitySources(
  prisma: PrismaClient,
  view: SavedViewSettings,
  shown: { headline: string; others: string[]; month: string | null },
  from?: Date,
  to?: Date,
): Promise<{ byMonth: ActivitySources; credited: string[] }> {
  const bucket = Prisma.sql`coalesce(period_start, observed_at)`;
  const others = shown.month && shown.others.length
    ? [Prisma.sql`(crossing_id IN (${Prisma.join(shown.others)}) AND ${bucket} >= ${monthStart(shown.month)} AND ${bucket} < ${nextMonthStart(shown.month)})`]
    : [];
  const conditions = [
    Prisma.sql`(${Prisma.join([Prisma.sql`crossing_id = ${shown.headline}`, ...others], ' OR ')})`,
    Prisma.sql`metric = ${view.metric}::"Metric"`,
    Prisma.sql`status = 'approved'`,
    countsVehicles,
    ...dimensionConditions(view, 'observations'),
    ...(from ? [Prisma.sql`${bucket} >= ${from}`] : []),
    ...(to ? [Prisma.sql`${bucket} < ${to}`] : []),
  ];
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT crossing_id AS c, to_char(date_trunc('month', ${bucket} AT TIME ZONE 'UTC'), 'YYYY-MM') AS m,
           source, method::text AS method, count(*)::int AS n
      FROM observations WHERE ${Prisma.join(conditions, ' AND ')}
     GROUP BY 1, 2, 3, 4`;

  const credit = new Map<string, number>();
  const grouped = new Map<string, Map<string, Row[]>>();
  for (const r of rows) {
    if (r.c === shown.headline) credit.set(r.source, (credit.get(r.source) ?? 0) + r.n);
    let months = grouped.get(r.c);
    if (!months) grouped.set(r.c, (months = new Map()));
    const list = months.get(r.m);
    if (list) list.push(r);
    else months.set(r.m, [r]);
  }
  const byMonth: ActivitySources = new Map();
  for (const [c, months] of grouped) {
    const out = new Map<string, MonthSources>();
    for (const [m, all] of months) out.set(m, summarize(all));
    byMonth.set(c, out);
  }
  return { byMonth, credited: [...credit].sort(byCountThenName).slice(0, CREDITED_SOURCES).map(([s]) => s) };
}

/**
 * One crossing-month's rows. The rollup's rule (keepRealOverDemo): a month with real observations shows those
 * alone, so only their sources are credited; a month of demo rows only is synthetic.
 */
function summarize(all: Row[]): MonthSources {
  const real = all.filter((r) => r.method !== 'synthetic');
  const rows = real.length ? real : all;
  const tally = (key: 'source' | 'method') => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[key], (counts.get(r[key]) ?? 0) + r.n);
    return [...counts].sort(byCountThenName).map(([k]) => k);
  };
  return { sources: tally('source'), methods: tally('method'), observations: rows.reduce((n, r) => n + r.n, 0), synthetic: !real.length };
}
