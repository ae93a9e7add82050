import { z } from 'zod';
import { iso2, month, year } from './common.js';

export const monthlyTradeQuery = z.strictObject({
  reporter: iso2.default('CN'),
  partner: iso2.default('KP'),
  from: month.optional(),
  to: month.optional(),
});

export const annualTradeQuery = z.strictObject({
  reporter: iso2.default('CN'),
  partner: iso2.default('KP'),
  from: year.optional(),
  to: year.optional(),
});

/** One trade figure as a source gives it, in US dollars. */
export const tradeFigureResponse = z.object({
  valueUsd: z.number(),
  source: z.string(),
  basis: z.string().describe('Whose statistics the figure is: GACC (China Customs), KITA, KOTRA, ITC, IBK, …'),
  approximate: z.boolean().describe('The source itself calls the figure approximate'),
  derived: z.boolean().optional().describe('Present (true) when the total is exports + imports of one source, not a total the source printed'),
});
export type TradeFigureDto = z.output<typeof tradeFigureResponse>;

/** One period's preferred figure per flow (the rule of `preference`), null where no source gives one. */
export const tradePeriodResponse = z.object({
  period: z.string().describe('YYYY-MM, or YYYY for a year'),
  exports: tradeFigureResponse.nullable(),
  imports: tradeFigureResponse.nullable(),
  total: tradeFigureResponse.nullable(),
  alternatives: z.array(tradeFigureResponse.extend({ flow: z.enum(['export', 'import', 'total']) }))
    .describe('Figures for the same period and flow that the preference rule did not choose'),
});
export type TradePeriodDto = z.output<typeof tradePeriodResponse>;

const tradePair = {
  reporter: z.string(),
  partner: z.string(),
  preference: z.string().describe('The rule that picks one figure per period and flow'),
};

/** `GET /api/trade/monthly`: every month of the range, a month without figures listed in `missingMonths`. */
export const monthlyTradeResponse = z.object({
  ...tradePair,
  from: month.nullable(),
  to: month.nullable(),
  months: z.array(tradePeriodResponse),
  missingMonths: z.array(month),
});
export type MonthlyTradeDto = z.output<typeof monthlyTradeResponse>;

/** `GET /api/trade/annual`: annual totals as reported, beside how many of the year's months have a total. */
export const annualTradeResponse = z.object({
  ...tradePair,
  years: z.array(tradePeriodResponse.extend({
    monthCoverage: z.object({ monthsWithTotal: z.number().int(), of: z.literal(12) }),
  })),
});
export type AnnualTradeDto = z.output<typeof annualTradeResponse>;
