import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AnalysisDto, AnalysisQuery } from '../contracts/analysis.js';
import { listBorderCrossings } from '../crossings/crossings.repo.js';
import { badRequest } from '../http/http-error.js';
import type { StatusScope } from '../observations/status-condition.js';
import { listMonthlyRollup, type MonthlyRollupRow, type RollupFilters } from '../rollups/monthly-rollup.repo.js';
import { assertMonthRange, monthStart, nextMonthStart } from '../time/month-bounds.js';
import { monthOf, monthSpan, monthsBetween } from '../time/months.js';
import { loadPairTrade, tradeFigureOf } from '../trade/pair-trade.js';
import { analyse } from './analyse.js';
import { anomalyAt } from './anomalies.js';
import { borderActivity } from './border-activity.js';
import { monthlyValue } from './monthly-value.js';
import { describeAnalysis } from './describe-analysis.js';

/** What the analysis reads of a crossing: only these, since a border's crossings are read on every request. */
export const ANALYSED_FIELDS = { id: true, nameEn: true, countryA: true, countryB: true } as const;
type CrossingOfAnalysis = Prisma.CrossingGetPayload<{ select: typeof ANALYSED_FIELDS }>;

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
  const loadActivity = (direction: string | null, which: Pick<RollupFilters, 'crossing' | 'border'>) => listMonthlyRollup(prisma, {
    metric: q.metric, vehicleClass: q.vehicleClass, method: q.method, direction: direction ?? undefined, scope, ...which,
    fromDate: q.from ? monthStart(q.from) : undefined,
    toDate: q.to ? nextMonthStart(q.to) : undefined,
  });
  const loadTrade = (pair: readonly [string, string], reporter: string | undefined) =>
    loadPairTrade(prisma, pair[0], pair[1], { reporter, from: q.from, to: q.to });

  let pair: [string, string];
  let crossings: CrossingOfAnalysis[];
  let trade: Awaited<ReturnType<typeof loadPairTrade>>;
  let rows: MonthlyRollupRow[];
  if (q.crossing) {
    const c = await prisma.crossing.findUnique({ where: { id: q.crossing }, select: ANALYSED_FIELDS });
    if (!c) throw badRequest([{ path: 'query.crossing', message: `no crossing has the id "${q.crossing}"` }]);
    if (q.reporter && q.reporter !== c.countryA && q.reporter !== c.countryB) {
      throw badRequest([{ path: 'query.reporter', message: `must be one of the crossing's countries (${c.countryA}, ${c.countryB})` }]);
    }
    pair = [c.countryA, c.countryB];
    crossings = [c];
    // A crossing's reporter is whichever side reports trade, so its activity's direction is known only after.
    trade = await loadTrade(pair, q.reporter);
    const reporter = trade?.reporter ?? q.reporter ?? pair[0];
    rows = await loadActivity(directionFor(q.flow, reporter, reporter === pair[0] ? pair[1] : pair[0]), { crossing: c.id });
  } else {
    // A border names its reporter: its crossings, trade and activity are read at once.
    pair = [q.reporter!, q.partner!];
    [crossings, trade, rows] = await Promise.all([
      listBorderCrossings(prisma, pair, ANALYSED_FIELDS),
      loadTrade(pair, pair[0]),
      loadActivity(directionFor(q.flow, pair[0], pair[1]), { border: pair }),
    ]);
    if (!crossings.length) throw badRequest([{ path: 'query.partner', message: `no crossing joins ${pair[0]} and ${pair[1]}` }]);
  }
  const reporter = trade?.reporter ?? q.reporter ?? pair[0];
  const partner = trade?.partner ?? (reporter === pair[0] ? pair[1] : pair[0]);
  const direction = directionFor(q.flow, reporter, partner);
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
  // Every crossing-month of a border is checked (12,000 for 100 crossings × 10 years): plain loops, no array per cell.
  const anomalies: AnalysisDto['anomalies'] = [];
  for (const [id, line] of lines) {
    const values = line.map((cell) => monthlyValue(q.metric, cell));
    for (let i = 0; i < values.length; i++) {
      const a = anomalyAt(values, i);
      if (a) anomalies.push({ crossing: id, month: months[i], value: values[i]!, ...a });
    }
  }
  const dto: Omit<AnalysisDto, 'summary'> = {
    reporter,
    partner,
    flow: q.flow,
    metric: q.metric,
    vehicleClass: q.vehicleClass ?? null,
    direction,
    crossing: q.crossing ?? null,
    crossings: crossings.map((c) => ({ id: c.id, name: c.nameEn })),
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
