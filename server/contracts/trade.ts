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

export type TradeFigureDto = {
  valueUsd: number;
  source: string;
  basis: string;
  approximate: boolean;
  /** True when the total is exports + imports of one source, not a total the source printed. */
  derived?: boolean;
};

export type TradePeriodDto = {
  period: string;
  exports: TradeFigureDto | null;
  imports: TradeFigureDto | null;
  total: TradeFigureDto | null;
  /** Figures for the same period and flow that the preference rule did not choose. */
  alternatives: (TradeFigureDto & { flow: 'export' | 'import' | 'total' })[];
};
