import { z } from 'zod';
import { METHODS, METRICS, VEHICLE_CLASSES, iso2, month, text } from './common.js';

export const TRADE_FLOWS = ['imports', 'exports', 'total'] as const;

/**
 * `GET /api/analysis`: a border (`reporter` and `partner`) or one crossing (`crossing`; `reporter` then
 * picks which side's trade figures, else the side that reports more months).
 */
export const analysisQuery = z
  .strictObject({
    reporter: iso2.optional(),
    partner: iso2.optional(),
    crossing: text().min(1).max(200).optional(),
    flow: z.enum(TRADE_FLOWS).default('imports').describe("imports: the reporter's imports, activity partner → reporter; exports: reporter → partner; total: every direction"),
    metric: z.enum(METRICS).default('crossed_vehicles'),
    vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
    method: z.enum(METHODS).optional(),
    from: month.optional(),
    to: month.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.crossing && !(q.reporter && q.partner)) {
      ctx.addIssue({ code: 'custom', path: [q.reporter ? 'partner' : 'reporter'], message: 'give reporter and partner (a border), or crossing' });
    }
    if (q.crossing && q.partner) ctx.addIssue({ code: 'custom', path: ['partner'], message: "with crossing, the partner is the crossing's other country: leave it out" });
    if (q.reporter && q.partner && q.reporter === q.partner) ctx.addIssue({ code: 'custom', path: ['partner'], message: 'must differ from reporter' });
  });

export type AnalysisQuery = z.output<typeof analysisQuery>;

const interval = z.tuple([z.number(), z.number()]);
const anomaly = z.object({
  direction: z.enum(['high', 'low']),
  median: z.number(),
  low: z.number(),
  high: z.number(),
  relative: z.number().nullable(),
  robustZ: z.number().nullable(),
});
const modelName = z.enum(['naive-previous', 'log-ols', 'log-change']);

/** The answer, as the server builds it and as OpenAPI describes it. Null where there is nothing, never 0. */
export const analysisResponse = z.object({
  reporter: z.string(),
  partner: z.string(),
  flow: z.enum(TRADE_FLOWS),
  metric: z.enum(METRICS),
  vehicleClass: z.enum(VEHICLE_CLASSES).nullable(),
  /** Activity direction counted, `FROM-TO`; null for `total` (every direction, unknown included). */
  direction: z.string().nullable(),
  crossing: z.string().nullable(),
  /** The crossings whose observations make up the activity. */
  crossings: z.array(z.object({ id: z.string(), name: z.string() })),
  /** True when the activity is synthetic demo data: then nothing here is evidence. */
  synthetic: z.boolean(),
  /** Demo observations left out because real ones exist for the same selection (never combined). */
  syntheticLeftOut: z.number().int(),
  /** The trade series: who reports it, and the rule that picks one figure per month. */
  trade: z.object({ reporter: z.string(), partner: z.string(), flow: z.enum(TRADE_FLOWS) }).nullable(),
  months: z.array(z.object({
    month,
    activity: z.number().nullable(),
    crossingsReporting: z.number().int(),
    trade: z.number().nullable(),
    tradeSource: z.string().nullable(),
    nowcast: z.object({ value: z.number(), low: z.number(), high: z.number() }).nullable(),
    anomaly: anomaly.nullable(),
  })),
  correlations: z.array(z.object({ on: z.enum(['level', 'change']), lag: z.number().int(), n: z.number().int(), r: z.number().nullable(), ci95: interval.nullable() })),
  backtest: z.object({
    evaluationMonths: z.array(month),
    models: z.array(z.object({
      model: modelName,
      lag: z.number().int(),
      mape: z.number().nullable(),
      predictions: z.array(z.object({ month, value: z.number(), actual: z.number() })),
    })),
  }),
  chosen: z.object({
    model: modelName.nullable(),
    lag: z.number().int().nullable(),
    mape: z.number().nullable(),
    naiveMape: z.number().nullable(),
    verdict: z.enum(['activity-helps', 'naive-best', 'insufficient-data']),
  }),
  nowcast: z.array(z.object({ month, value: z.number(), low: z.number(), high: z.number(), expectedPublication: z.string().nullable(), overdue: z.boolean() })),
  /** Crossing-months outside their own expected band (every crossing of a border). */
  anomalies: z.array(anomaly.extend({ crossing: z.string(), month, value: z.number() })),
  /** The verdict in one plain English sentence (the screens write their own, translated, from the numbers). */
  summary: z.string(),
});

export type AnalysisDto = z.output<typeof analysisResponse>;

/** `GET /api/analysis/borders`: the country pairs that have crossings, for the border selector. */
export const bordersResponse = z.object({
  borders: z.array(z.object({
    countries: z.tuple([z.string(), z.string()]),
    crossings: z.number().int(),
    /** Which side reports trade (more months), or null when no trade figure is stored. */
    tradeReporter: z.string().nullable(),
    tradeMonths: z.number().int(),
    /** Months with approved non-synthetic activity; 0 when only demo data exists. */
    realActivityMonths: z.number().int(),
    syntheticOnly: z.boolean(),
  })),
  /** The border a first visit opens on: the one with the most real activity months beside trade. */
  defaultBorder: z.tuple([z.string(), z.string()]).nullable(),
});
export type BordersDto = z.output<typeof bordersResponse>;
