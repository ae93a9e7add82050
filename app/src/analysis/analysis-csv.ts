import type { AnalysisDto } from '../../../server/contracts/analysis.js';
import { toCsv } from '../csv.js';

export const ANALYSIS_CSV_HEADER = [
  'month', 'activity', 'crossings_reporting', 'trade_usd', 'trade_source',
  'nowcast_usd', 'nowcast_low_usd', 'nowcast_high_usd', 'anomaly',
];

/** One row per month of the analysis, as the panel and chart show it; empty cells where there is nothing (never 0). */
export function analysisCsv(a: Pick<AnalysisDto, 'months'>): string {
  return toCsv(ANALYSIS_CSV_HEADER, a.months.map((m) => [
    m.month, m.activity, m.crossingsReporting, m.trade, m.tradeSource,
    m.nowcast?.value ?? null, m.nowcast?.low ?? null, m.nowcast?.high ?? null, m.anomaly?.direction ?? null,
  ]));
}
