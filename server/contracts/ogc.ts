import { z } from 'zod';
import { METHODS, METRICS, text } from './common.js';

/** `bbox=minLon,minLat,maxLon,maxLat` (WGS 84, CRS84 axis order). */
const bbox = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map((p) => Number(p.trim()));
    if ((n.length !== 4 && n.length !== 6) || n.some((v) => !Number.isFinite(v))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    // A 3D box names two heights; they are ignored (crossings have none).
    const [w, s2, e, n2] = n.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
    if (s2 < -90 || n2 > 90 || s2 > n2) {
      ctx.addIssue({ code: 'custom', message: 'latitudes must be within -90..90, the lower first' });
      return z.NEVER;
    }
    return [w, s2, e, n2] as [number, number, number, number];
  })
  // How the API definition declares it: OGC API – Features Part 1's bbox fragment (parameters/bbox.yaml).
  .meta({
    description: 'minLon,minLat,maxLon,maxLat (or six numbers with heights, which are ignored), WGS 84 longitude/latitude',
    parameter: { style: 'form', explode: false, schema: { type: 'array', oneOf: [{ minItems: 4, maxItems: 4 }, { minItems: 6, maxItems: 6 }], items: { type: 'number' } } },
  });

/** The standard's style for its other query parameters: comma lists, never repeated names. */
const FORM_LIST = { style: 'form', explode: false } as const;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;
const bound = (s: string) => (s === '..' || s === '' ? null : new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

/** `datetime=` an instant, or an interval `start/end` where either side may be `..` (open). */
const datetime = text().transform((s, ctx) => {
  const parts = s.split('/');
  const valid = (p: string) => p === '..' || p === '' || (DATE_TIME.test(p) && !Number.isNaN(Date.parse(p)));
  if (parts.length > 2 || !parts.every(valid) || (parts.length === 1 && (parts[0] === '..' || parts[0] === ''))) {
    ctx.addIssue({ code: 'custom', message: 'must be an RFC 3339 date-time or date, or an interval start/end with .. for open' });
    return z.NEVER;
  }
  if (parts.length === 1) {
    const at = bound(parts[0])!;
    // A date alone means that whole day.
    return { from: at, to: parts[0].length === 10 ? new Date(at.getTime() + 86_400_000) : new Date(at.getTime() + 1) };
  }
  const from = bound(parts[0]);
  const endRaw = parts[1];
  const to = bound(endRaw);
  return { from, to: to && endRaw.length === 10 ? new Date(to.getTime() + 86_400_000) : to && new Date(to.getTime() + 1) };
}).meta({ description: 'An RFC 3339 date-time or date, or an interval start/end with .. for an open end', parameter: FORM_LIST });

export const OGC_MAX_LIMIT = 10_000;

/** `a,b`: values of one vocabulary, declared as the array it is. */
const commaList = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.string().transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1))
    .meta({ description, parameter: { ...FORM_LIST, schema: { type: 'array', minItems: 1, items: { type: 'string', enum: [...values] } } } });

/** Items query of OGC API – Features Part 1; any other parameter is a 400 (req /core/query-param-unknown). */
export const ogcItemsQuery = z.strictObject({
  bbox: bbox.optional(),
  datetime: datetime.optional(),
  // Above the maximum the server answers with the maximum, as the standard allows.
  limit: z.coerce.number().int().min(1).transform((n) => Math.min(n, OGC_MAX_LIMIT)).default(100)
    // What the API definition says (OGC's fc-limit-definition): GDAL picks its page size from it.
    .meta({ description: 'Features per page; above 10,000 the server answers 10,000', parameter: { ...FORM_LIST, schema: { type: 'integer', minimum: 1, maximum: OGC_MAX_LIMIT, default: 100 } } }),
  cursor: text().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** Queryables of observations (GET /ogc/collections/observations/queryables). */
  crossing_id: text().min(1).max(200).optional(),
  metric: commaList(METRICS, 'One metric, or several separated by commas').optional(),
  method: commaList(METHODS, 'One method, or several separated by commas').optional(),
  f: z.enum(['json', 'geojson']).optional(),
});

export type OgcItemsQuery = z.output<typeof ogcItemsQuery>;

export const ogcFormatQuery = z.strictObject({ f: z.enum(['json', 'geojson']).optional() });
