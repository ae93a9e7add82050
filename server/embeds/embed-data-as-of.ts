import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SavedViewSettings } from '../contracts/views.js';
import { listCrossings } from '../crossings/crossings.repo.js';
import { joinsCountries } from '../crossings/joins-countries.js';
import { countsVehicles } from '../observations/counted-measures.js';
import { dimensionConditions } from '../rollups/monthly-rollup.repo.js';
import { monthStart, nextMonthStart } from '../time/month-bounds.js';

type Crossing = Awaited<ReturnType<typeof listCrossings>>[number];

/** The crossings an embed of `view` draws activity from: its own, its border's, or every one (null). */
function crossingScope(view: SavedViewSettings, crossings: Crossing[]): string[] | null {
  if (view.crossing) return [view.crossing];
  if (!view.border) return null;
  const border = view.border.split('-');
  return crossings.filter((c) => joinsCountries(c, border)).map((c) => c.id);
}

/**
 * For each view, when the newest approved observation its embed draws from was made (its crossing, else its
 * border's crossings, else any; its metric, filters and months), or null when there is none. Read from the
 * rollup buckets (which keep each bucket's newest `observed_at`), all views in one statement: the list of
 * views costs one round trip, whatever its length.
 */
export async function embedDataAsOf(prisma: PrismaClient, views: SavedViewSettings[]): Promise<(Date | null)[]> {
  if (!views.length) return [];
  const crossings = views.some((v) => !v.crossing && v.border) ? await listCrossings(prisma) : [];
  const parts = views.map((view, i) => {
    const scope = crossingScope(view, crossings);
    const conditions = [
      Prisma.sql`metric = ${view.metric}::"Metric"`,
      Prisma.sql`status = 'approved'`,
      countsVehicles,
      ...(scope ? [Prisma.sql`crossing_id IN (${Prisma.join(scope.length ? scope : [''])})`] : []),
      ...dimensionConditions(view, 'buckets'),
      ...(view.from ? [Prisma.sql`month >= ${monthStart(view.from)}::date`] : []),
      ...(view.to ? [Prisma.sql`month < ${nextMonthStart(view.to)}::date`] : []),
    ];
    return Prisma.sql`SELECT ${i}::int AS i, max(last_observed_at) AS "asOf" FROM monthly_rollups WHERE ${Prisma.join(conditions, ' AND ')}`;
  });
  const rows = await prisma.$queryRaw<{ i: number; asOf: Date | null }[]>`${Prisma.join(parts, ' UNION ALL ')}`;
  const asOf = views.map((): Date | null => null);
  for (const r of rows) asOf[r.i] = r.asOf ? new Date(r.asOf) : null;
  return asOf;
}
