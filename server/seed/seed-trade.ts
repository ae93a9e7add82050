import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { parseLandportTradeRow } from '../feeds/trade-rows.js';
import { readDataCsvLines } from './read-csv.js';

/**
 * The trade files in `data/` and how each reads as our trade layout: the China–DPRK files use the first
 * layout's China-specific headers; the US–Mexico file is the reference set's, verbatim, whose columns are
 * renamed here (its exports and imports are already the US side's).
 */
export const TRADE_FILES: { file: string; columns?: Record<string, string>; add?: Record<string, string> }[] = [
  { file: 'cn_dprk_monthly_trade.csv' },
  { file: 'cn_dprk_annual_trade.csv' },
  {
    file: 'us_mx_monthly_trade.csv',
    columns: { us_exports_to_mx_usd: 'exports_usd', us_imports_from_mx_usd: 'imports_usd' },
    add: { reporter: 'US', partner: 'MX' },
  },
];

/** A data file's rows in our trade layout, with the file's real line numbers for messages. */
export function readTradeFile(spec: (typeof TRADE_FILES)[number]): { line: number; row: Record<string, string> }[] {
  return readDataCsvLines(spec.file).map(({ line, row: raw }) => {
    const row: Record<string, string> = { ...spec.add };
    for (const [k, v] of Object.entries(raw)) row[spec.columns?.[k] ?? k] = v;
    return { line, row };
  });
}

/** Every figure in the data files; a row that does not read is a broken data file, named with its line. */
export function tradeFiguresFromFiles(): Prisma.TradeFigureCreateManyInput[] {
  return TRADE_FILES.flatMap((spec) =>
    readTradeFile(spec).flatMap(({ line, row }) => {
      const parsed = parseLandportTradeRow(row);
      if ('issues' in parsed) throw new Error(`data/${spec.file} line ${line}: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
      return parsed.records;
    }),
  );
}

/** Loads the trade files; figures already there (same period, pair, flow and source) are skipped. */
export async function seedTrade(prisma: PrismaClient): Promise<{ created: number }> {
  const { count } = await prisma.tradeFigure.createMany({ data: tradeFiguresFromFiles(), skipDuplicates: true });
  return { created: count };
}
