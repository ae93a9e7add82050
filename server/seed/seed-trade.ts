import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { readDataCsv } from './read-csv.js';

/**
 * Whose statistic a figure is, read from the source text. The data files hold China Customs
 * (GACC) figures as republished by the press unless the source names another compiler.
 */
export function basisOf(source: string): string {
  if (/\bKOTRA\b/.test(source)) return 'KOTRA';
  if (/\bKITA\b/.test(source)) return 'KITA';
  if (/International Trade Centre/.test(source)) return 'ITC';
  if (/\bUS ITC\b/.test(source)) return 'US-ITC';
  if (/\bIBK\b/.test(source)) return 'IBK';
  if (/Reuters calculation/.test(source)) return 'Reuters calculation';
  return 'GACC';
}

const FLOWS = [
  ['china_exports_usd', 'export'],
  ['china_imports_usd', 'import'],
  ['total_usd', 'total'],
] as const;

/** One CSV row (period, up to three flows, source) → one figure per flow the source gives. Empty cells stay gaps. */
export function tradeFiguresFromCsv(
  r: Record<string, string>,
  periodKind: 'month' | 'year',
): Prisma.TradeFigureCreateManyInput[] {
  const period = periodKind === 'month' ? r.month : r.year;
  return FLOWS.filter(([col]) => r[col]?.trim()).map(([col, flow]) => {
    if (!/^\d+$/.test(r[col].trim())) throw new Error(`trade data: ${period} ${col} is not a whole number: ${r[col]}`);
    return {
      periodKind,
      period,
      reporter: 'CN',
      partner: 'KP',
      flow,
      valueUsd: BigInt(r[col].trim()),
      source: r.source,
      basis: basisOf(r.source),
      approximate: /\bapproximate\b/i.test(r.source),
    };
  });
}

/** Loads both trade files; figures already there (same period, flow and source) are skipped. */
export async function seedTrade(prisma: PrismaClient): Promise<{ created: number }> {
  const figures = [
    ...readDataCsv('cn_dprk_monthly_trade.csv').flatMap((r) => tradeFiguresFromCsv(r, 'month')),
    ...readDataCsv('cn_dprk_annual_trade.csv').flatMap((r) => tradeFiguresFromCsv(r, 'year')),
  ];
  const { count } = await prisma.tradeFigure.createMany({ data: figures, skipDuplicates: true });
  return { created: count };
}
