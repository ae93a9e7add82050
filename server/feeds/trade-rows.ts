import { textProblem } from '../contracts/common.js';
import type { FieldIssue } from '../http/http-error.js';
import { basisOf } from '../trade/trade-basis.js';

/** One trade figure as a file gives it, before it meets the database. */
export type TradeRecord = {
  periodKind: 'month' | 'year';
  period: string;
  reporter: string;
  partner: string;
  flow: 'export' | 'import' | 'total';
  valueUsd: bigint;
  source: string;
  basis: string;
  approximate: boolean;
};

export type TradeLayout = 'landport' | 'comtrade';

/** UN M49 codes (what Comtrade writes) of the countries with land crossings we track, and their neighbours. */
const M49: Record<string, string> = {
  '156': 'CN', '408': 'KP', '410': 'KR', '392': 'JP', '643': 'RU', '496': 'MN', '704': 'VN', '418': 'LA', '104': 'MM',
  '356': 'IN', '524': 'NP', '398': 'KZ', '842': 'US', '484': 'MX', '124': 'CA',
};

/** Our layout's flow columns, and the China-specific names the first files used (reporter CN, partner KP). */
const OUR_FLOWS = [
  { flow: 'export', columns: ['exports_usd', 'china_exports_usd'] },
  { flow: 'import', columns: ['imports_usd', 'china_imports_usd'] },
  { flow: 'total', columns: ['total_usd'] },
] as const;
const FLOW_COLUMNS: string[] = OUR_FLOWS.flatMap((f) => [...f.columns]);

/** Which layout a header is: ours (`month`/`year`, `reporter`, `partner`, `exports_usd`…, `source`) or UN Comtrade's. */
export function tradeLayoutOf(header: string[]): TradeLayout | null {
  const h = new Set(header);
  if (['period', 'reporterCode', 'partnerCode', 'flowCode', 'primaryValue'].every((c) => h.has(c))) return 'comtrade';
  if ((h.has('month') || h.has('year')) && h.has('source') && FLOW_COLUMNS.some((c) => h.has(c))) return 'landport';
  return null;
}

const ISO2 = /^[A-Z]{2}$/;

/**
 * Our layout (data/*_trade.csv): a row per period and source, a figure per filled flow; empty cells stay gaps.
 * `exports_usd` and `imports_usd` are the reporter's; `reporter` and `partner` are ISO alpha-2 codes. The first
 * files' headers (`china_exports_usd`, `china_imports_usd`, no reporter or partner) still read, as CN and KP.
 * An optional `basis` column says whose statistic the row is (else it is read from the source).
 */
export function parseLandportTradeRow(r: Record<string, string>): { records: TradeRecord[] } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const periodKind = r.month !== undefined ? 'month' : 'year';
  const period = (periodKind === 'month' ? r.month : r.year)?.trim() ?? '';
  const re = periodKind === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}$/;
  if (!re.test(period)) issues.push({ path: periodKind, message: periodKind === 'month' ? 'must be YYYY-MM' : 'must be YYYY' });
  const source = r.source?.trim() ?? '';
  const sourceProblem = source ? textProblem(source) : 'is required: every figure names its source';
  if (sourceProblem) issues.push({ path: 'source', message: sourceProblem });
  const chinaHeaders = r.reporter === undefined && (r.china_exports_usd !== undefined || r.china_imports_usd !== undefined);
  const country = (column: 'reporter' | 'partner', legacy: string) => {
    const v = chinaHeaders ? legacy : r[column]?.trim() ?? '';
    if (!ISO2.test(v)) issues.push({ path: column, message: 'must be an ISO 3166-1 alpha-2 code in capitals, such as US' });
    return v;
  };
  const reporter = country('reporter', 'CN');
  const partner = country('partner', 'KP');
  if (reporter && reporter === partner) issues.push({ path: 'partner', message: 'must differ from reporter' });
  const basisText = r.basis?.trim() ?? '';
  const basisProblem = basisText ? textProblem(basisText) : null;
  if (basisProblem) issues.push({ path: 'basis', message: basisProblem });
  const records: TradeRecord[] = [];
  for (const { flow, columns } of OUR_FLOWS) {
    const col = columns.find((c) => r[c] !== undefined);
    const v = col ? r[col].trim() : '';
    if (!v) continue;
    if (!/^\d+$/.test(v)) {
      issues.push({ path: col!, message: 'must be a whole number of US dollars' });
      continue;
    }
    records.push({
      periodKind, period, reporter, partner, flow, valueUsd: BigInt(v), source,
      basis: basisOf(source, basisText), approximate: /\bapproximate\b/i.test(source),
    });
  }
  if (!issues.length && !records.length) issues.push({ path: FLOW_COLUMNS.find((c) => r[c] !== undefined) ?? 'exports_usd', message: 'the row gives no figure' });
  return issues.length ? { issues } : { records };
}

/** Comtrade's breakdown columns and the code each has on a total row. */
const BREAKDOWN_TOTALS = [['partner2Code', '0'], ['customsCode', 'C00'], ['mosCode', '0'], ['motCode', '0']] as const;

/**
 * UN Comtrade's layout (`period` 202311 or 2023, `reporterCode`/`partnerCode` M49, `flowCode`
 * X or M, `primaryValue` in US dollars, optional `freqCode` and `cmdCode`): one figure per row.
 * Only commodity totals are trade totals; re-exports and other flows are refused by name.
 */
export function parseComtradeRow(r: Record<string, string>): { records: TradeRecord[] } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const period = r.period?.trim() ?? '';
  const monthly = /^\d{4}(0[1-9]|1[0-2])$/.test(period);
  const yearly = /^\d{4}$/.test(period);
  if (!monthly && !yearly) issues.push({ path: 'period', message: 'must be YYYYMM or YYYY' });
  const freq = r.freqCode?.trim();
  if (freq && ((freq === 'M') !== monthly || (freq === 'A') !== yearly)) issues.push({ path: 'freqCode', message: 'does not match period' });
  const reporter = M49[r.reporterCode?.trim() ?? ''];
  if (!reporter) issues.push({ path: 'reporterCode', message: `is not a country code we know (${r.reporterCode}); known: ${Object.keys(M49).join(', ')}` });
  const partner = M49[r.partnerCode?.trim() ?? ''];
  if (!partner) issues.push({ path: 'partnerCode', message: `is not a country code we know (${r.partnerCode}); World and areas are not a partner` });
  const flowCode = r.flowCode?.trim();
  const flow = flowCode === 'X' ? 'export' : flowCode === 'M' ? 'import' : null;
  if (!flow) issues.push({ path: 'flowCode', message: 'must be X (export) or M (import)' });
  const cmd = r.cmdCode?.trim();
  if (cmd && cmd !== 'TOTAL') issues.push({ path: 'cmdCode', message: 'must be TOTAL: a commodity line is not a trade total' });
  // Comtrade's breakdowns (by second partner, customs procedure, mode of supply or transport) are
  // parts of the total, on rows of their own: the total row is the one with no breakdown.
  for (const [column, total] of BREAKDOWN_TOTALS) {
    const v = r[column]?.trim();
    if (v && v !== total) issues.push({ path: column, message: `must be ${total}: a breakdown row is part of a total, not a total; download totals only` });
  }
  const raw = r.primaryValue?.trim() ?? '';
  const value = Number(raw);
  if (!raw || !Number.isFinite(value) || value < 0) issues.push({ path: 'primaryValue', message: 'must be a number of US dollars, 0 or more' });
  if (issues.length) return { issues };
  return { records: [{
    periodKind: monthly ? 'month' : 'year',
    period: monthly ? `${period.slice(0, 4)}-${period.slice(4)}` : period,
    reporter, partner, flow: flow!,
    // Comtrade gives cents on some rows; figures are kept in whole dollars, as every other source gives them.
    valueUsd: BigInt(Math.round(value)),
    source: 'UN Comtrade',
    basis: reporter === 'CN' ? 'GACC' : `${reporter} customs`,
    approximate: false,
  }] };
}
