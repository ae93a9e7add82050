import type { PrismaClient } from '../generated/prisma/client.js';
import type { AnalysisDto, AnalysisQuery } from '../contracts/analysis.js';
import { listCrossings } from '../crossings/crossings.repo.js';
import { joinsCountries } from '../crossings/joins-countries.js';
import { badRequest } from '../http/http-error.js';
import type { StatusScope } from '../observations/status-condition.js';
import { listMonthlyRollup, type MonthlyRollupRow } from '../rollups/monthly-rollup.repo.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';
import { monthOf, monthSpan, monthsBetween } from '../time/months.js';
import { loadPairTrade, tradeFigureOf } from '../trade/pair-trade.js';
import { analyse } from './analyse.js';
import { anomalyAt } from './anomalies.js';
import { borderActivity } from './border-activity.js';
import { monthlyValue } from './monthly-value.js';
import { describeAnalysis } from './describe-analysis.js';

export type AnalysisSettings = { releaseLagDays: Record<string, number>; now?: () => Date };

/** The activity direction that matches a trade flow: imports of the reporter come from the partner. */
export function directionFor(flow: AnalysisQuery['flow'], reporter: string, partner: string): string | null {
  return flow === 'imports' ? `${partner}-${reporter}` : flow === 'exports' ? `${reporter}-${partner}` : null;
}

/**
 * What activity at a border (or one crossing) says about the customs figure of the flow asked for:
 * reads the monthly rollups (never raw observations) and the preferred trade figures, then `analyse`.
 */
export async function getAnalysis(prisma: PrismaClient, q: AnalysisQuery, scope: StatusScope, settings: AnalysisSettings): Promise<AnalysisDto> {
  assertMonthRange(q.from, q.to);
  const all = await listCrossings(prisma);
  let pair: [string, string];
  let crossings: typeof all;
  if (q.crossing) {
    // The crossings are already read: the one asked for is among them.
    const c = all.find((x) => x.id === q.crossing);
    if (!c) throw badRequest([{ path: 'query.crossing', message: `no crossing has the id "${q.crossing}"` }]);
    if (q.reporter && q.reporter !== c.countryA && q.reporter !== c.countryB) {
      throw badRequest([{ path: 'query.reporter', message: `must be one of the crossing's countries (${c.countryA}, ${c.countryB})` }]);
    }
    pair = [c.countryA, c.countryB];
    crossings = [c];
  } else {
    pair = [q.reporter!, q.partner!];
    crossings = all.filter((c) => joinsCountries(c, pair));
    if (!crossings.length) throw badRequest([{ path: 'query.partner', message: `no crossing joins ${pair[0]} and ${pair[1]}` }]);
  }

  const loadTrade = () => loadPairTrade(prisma, pair[0], pair[1], { reporter: q.crossing ? q.reporter : pair[0], from: q.from, to: q.to });
  const loadActivity = (direction: string | null) => listMonthlyRollup(prisma, {
    metric: q.metric, vehicleClass: q.vehicleClass, method: q.method, direction: direction ?? undefined, scope,
    crossings: crossings.map((c) => c.id),
    fromDate: q.from ? monthStart(q.from) : undefined,
    toDate: q.to ? nextMonthStart(q.to) : undefined,
  });
  // A border names its reporter, so both reads can run at once; a crossing's reporter is whichever side reports trade.
  const [trade, borderRows] = await Promise.all([loadTrade(), q.crossing ? null : loadActivity(directionFor(q.flow, pair[0], pair[1]))]);
  const reporter = trade?.reporter ?? q.reporter ?? pair[0];
  const partner = trade?.partner ?? (reporter === pair[0] ? pair[1] : pair[0]);
  const direction = directionFor(q.flow, reporter, partner);
  const rows = borderRows ?? (await loadActivity(direction));
  // Real and synthetic values never meet in one number: with any real activity, the demo rows are left out.
  const real = rows.filter((r) => !r.synthetic);
  const used = real.length ? real : rows;
  const synthetic = used.length > 0 && !real.length;

  // The month axis: the range asked for, else every month that has activity or a trade figure, but
  // never a month after this one (an observation dated in the future does not stretch it).
  const now = (settings.now ?? (() => new Date()))();
  const thisMonth = monthOf(now);
  const tradeMonths = [...(trade?.months.values() ?? [])].filter((p) => tradeFigureOf(p, q.flow)).map((p) => p.period);
  const known = monthSpan([...used.map((r) => r.month), ...tradeMonths].filter((m) => m <= thisMonth));
  const first = q.from ?? known.first;
  const last = q.to ?? known.last;
  const months = first && last ? monthsBetween(first, last) : [];
  const lines = onMonthAxis(used, months);
  const { activity, crossingsReporting } = borderActivity(q.metric, lines.values(), months.length);

  const figures = months.map((m) => tradeFigureOf(trade?.months.get(m), q.flow));
  const result = analyse({
    months,
    activity,
    crossingsReporting,
    trade: figures.map((f) => f?.valueUsd ?? null),
    tradeSource: figures.map((f) => f?.source ?? null),
    releaseLagDays: settings.releaseLagDays[reporter] ?? null,
    today: now.toISOString().slice(0, 10),
  });
  const anomalies = [...lines].flatMap(([id, line]) => {
    const values = line.map((cell) => monthlyValue(q.metric, cell));
    return values.flatMap((value, i) => {
      const a = value === null ? null : anomalyAt(values, i);
      return a ? [{ crossing: id, month: months[i], value: value!, ...a }] : [];
    });
  });
  const names = new Map(all.map((c) => [c.id, c.nameEn]));
  const dto: Omit<AnalysisDto, 'summary'> = {
    reporter,
    partner,
    flow: q.flow,
    metric: q.metric,
    vehicleClass: q.vehicleClass ?? null,
    direction,
    crossing: q.crossing ?? null,
    crossings: crossings.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.id })),
    synthetic,
    syntheticLeftOut: real.length ? rows.filter((r) => r.synthetic).reduce((s, r) => s + r.observations, 0) : 0,
    trade: trade ? { reporter: trade.reporter, partner: trade.partner, flow: q.flow } : null,
    ...result,
    anomalies,
  };
  return { ...dto, summary: describeAnalysis(dto) };
}

/** Each crossing's rows on the month axis, null where it reported nothing; rows outside the axis are left out. */
function onMonthAxis(rows: MonthlyRollupRow[], months: string[]): Map<string, (MonthlyRollupRow | null)[]> {
  const index = new Map(months.map((m, i) => [m, i]));
  const lines = new Map<string, (MonthlyRollupRow | null)[]>();
  for (const r of rows) {
    const i = index.get(r.month);
    if (i === undefined) continue;
    let line = lines.get(r.crossingId);
    if (!line) lines.set(r.crossingId, (line = Array<MonthlyRollupRow | null>(months.length).fill(null)));
    line[i] = r;
  }
  return lines;
}
