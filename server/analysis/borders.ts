import type { PrismaClient } from '../generated/prisma/client.js';
import type { BordersDto } from '../contracts/analysis.js';
import { countsVehiclesOf } from '../observations/counted-measures.js';

const pairKey = (a: string, b: string) => [a, b].sort().join('-');

/**
 * The country pairs that have crossings, with what the border selector needs: how many crossings, who
 * reports their trade and for how many months, and how many months of approved real activity there are.
 * The default is the border with the most real activity months beside its trade: the first answer a new
 * user sees is then one made of evidence, not of the demo set.
 */
export async function listBorders(prisma: PrismaClient): Promise<BordersDto> {
  const [crossings, trade, activity] = await Promise.all([
    prisma.crossing.findMany({ select: { countryA: true, countryB: true } }),
    prisma.$queryRaw<{ reporter: string; partner: string; months: number }[]>`
      SELECT reporter, partner, count(DISTINCT period)::int AS months FROM trade_figures
       WHERE period_kind = 'month' AND superseded_at IS NULL GROUP BY 1, 2`,
    prisma.$queryRaw<{ a: string; b: string; real: number; demo: number }[]>`
      SELECT c.country_a AS a, c.country_b AS b,
             count(DISTINCT r.month) FILTER (WHERE r.method <> 'synthetic')::int AS real,
             count(DISTINCT r.month) FILTER (WHERE r.method = 'synthetic')::int AS demo
        FROM monthly_rollups r JOIN crossings c ON c.id = r.crossing_id
       WHERE r.status = 'approved' AND ${countsVehiclesOf('r')}
       GROUP BY 1, 2`,
  ]);
  const borders = new Map<string, BordersDto['borders'][number]>();
  for (const c of crossings) {
    const key = pairKey(c.countryA, c.countryB);
    const b = borders.get(key) ?? {
      countries: [c.countryA, c.countryB] as [string, string], crossings: 0, tradeReporter: null, tradeMonths: 0, realActivityMonths: 0, syntheticOnly: false,
    };
    b.crossings++;
    borders.set(key, b);
  }
  for (const t of trade) {
    const b = borders.get(pairKey(t.reporter, t.partner));
    if (b && t.months > b.tradeMonths) Object.assign(b, { tradeReporter: t.reporter, tradeMonths: t.months });
  }
  const demoMonths = new Map<string, number>();
  for (const r of activity) {
    const key = pairKey(r.a, r.b);
    const b = borders.get(key);
    if (!b) continue;
    // Several crossings of one pair: a month counts once per crossing here, an upper bound that orders borders.
    b.realActivityMonths = Math.max(b.realActivityMonths, r.real);
    demoMonths.set(key, Math.max(demoMonths.get(key) ?? 0, r.demo));
  }
  for (const [key, b] of borders) {
    b.syntheticOnly = b.realActivityMonths === 0 && (demoMonths.get(key) ?? 0) > 0;
    // The reporter first, so the pair reads as the trade does (US–MX, CN–KP).
    if (b.tradeReporter && b.countries[0] !== b.tradeReporter) b.countries = [b.countries[1], b.countries[0]];
  }
  const list = [...borders.values()].sort((x, y) => y.realActivityMonths - x.realActivityMonths || y.tradeMonths - x.tradeMonths || x.countries.join().localeCompare(y.countries.join()));
  const withBoth = list.find((b) => b.realActivityMonths > 0 && b.tradeMonths > 0) ?? list.find((b) => b.tradeMonths > 0) ?? list[0];
  return { borders: list, defaultBorder: withBoth ? withBoth.countries : null };
}
