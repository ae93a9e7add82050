import { z } from 'zod';
import { METRICS, month, text } from './common.js';
import { savedViewSettings } from './views.js';
import { analysisResponse } from './analysis.js';
import { featureCollection, multiLineStringGeometry, multiPolygonGeometry, polygonGeometry } from './geojson.js';

/** One crossing on an embed's map in the headline month (approved data only). */
export const embedCrossing = z.object({
  id: z.string(),
  names: z.object({ en: z.string(), zh: z.string().nullable(), ko: z.string().nullable() }),
  countries: z.tuple([z.string(), z.string()]),
  lng: z.number().nullable().describe('Null when no public source gives a location; such a crossing is listed, not drawn'),
  lat: z.number().nullable(),
  value: z.number().nullable(),
  change: z.number().nullable().describe('Against the baseline, as a fraction (0.2 = up 20 %)'),
  radius: z.number().describe('Of its circle, in pixels'),
  color: z.string(),
});
export type EmbedCrossingDto = z.output<typeof embedCrossing>;

const analysisChosen = analysisResponse.shape.chosen.shape;

/** `GET /embed/:id/data.json`: everything one embed draws, so a refresh is one conditional request. */
export const embedDataResponse = z.object({
  viewId: z.string(),
  title: z.string(),
  view: savedViewSettings,
  metric: z.enum(METRICS),
  months: z.array(month),
  month: month.nullable().describe('The month the headline is about: the saved month, else the latest with a value'),
  crossing: z.string().nullable().describe('The crossing the headline is about: the saved crossing, else the busiest that month'),
  crossings: z.array(embedCrossing),
  activity: z.array(z.number().nullable()).describe("The headline crossing's value per month of `months`; null where nothing was approved"),
  trade: z.object({
    reporter: z.string(),
    partner: z.string(),
    exports: z.array(z.number().nullable()),
    imports: z.array(z.number().nullable()),
  }).nullable().describe("Trade between the headline crossing's two countries, per month of `months` (US dollars; null = no figure)"),
  headline: z.object({
    value: z.number().nullable(),
    change: z.number().nullable(),
    baseline: savedViewSettings.shape.baseline.unwrap(),
    synthetic: z.boolean().describe("The headline crossing's own figures are made up (the embed-wide `synthetic` covers every crossing shown)"),
  }),
  summary: z.string().describe('The headline as one English sentence: alt text, aria-label, og:description'),
  sources: z.object({ trade: z.array(z.string()), observations: z.array(z.string()) }),
  synthetic: z.boolean(),
  analysis: z.object({
    summary: z.string(),
    verdict: analysisChosen.verdict,
    reporter: z.string(),
    partner: z.string(),
    flow: analysisResponse.shape.flow,
    synthetic: z.boolean(),
    nowcast: analysisResponse.shape.nowcast,
  }).nullable().describe("What the view's activity says about customs (GET /api/analysis for its border or crossing); null without trade"),
  camera: z.object({ zoom: z.number(), lat: z.number(), lng: z.number() }).describe('Where the map starts'),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('West, south, east, north: the area the map may pan in (the basemap is cut to it)'),
  basemapUrl: z.string().describe('Natural Earth cut to `bounds` at a scale that suits the zoom; the URL changes when they do'),
  refreshSeconds: z.number().int().describe('How often an open embed asks for new data'),
});
export type EmbedDataDto = z.output<typeof embedDataResponse>;

/** `GET /embed/:id/basemap.json`: Natural Earth countries and land borders cut to the embed's bounds. */
export const embedBasemapResponse = z.object({
  countries: featureCollection(z.object({
    type: z.literal('Feature'),
    properties: z.object({ name: z.string() }),
    geometry: z.union([polygonGeometry, multiPolygonGeometry]),
  })),
  borders: featureCollection(z.object({ type: z.literal('Feature'), properties: z.object({}), geometry: multiLineStringGeometry })),
});
export type EmbedBasemapDto = z.output<typeof embedBasemapResponse>;

/** `GET /oembed`: a "rich" response (https://oembed.com/ section 2.3.4). */
export const oembedResponse = z.object({
  version: z.literal('1.0'),
  type: z.literal('rich'),
  provider_name: z.string(),
  provider_url: z.url(),
  title: z.string(),
  html: z.string().describe('The iframe snippet to paste'),
  width: z.number().int(),
  height: z.number().int(),
  thumbnail_url: z.url().optional().describe('Left out when maxwidth or maxheight leave no room for the smallest image'),
  thumbnail_width: z.number().int().optional(),
  thumbnail_height: z.number().int().optional(),
  cache_age: z.number().int(),
});
export type OembedDto = z.output<typeof oembedResponse>;

/** The size of a static image: `?width=&height=` on `/embed/:id/image.png|svg`. */
// Not strict: crawlers and CMSs add their own parameters (utm_*, cache-busters, dnt) to image and oEmbed URLs.
export const embedImageQuery = z.object({
  width: z.coerce.number().int().min(200).max(2000).default(800),
  height: z.coerce.number().int().min(150).max(2000).default(500),
  dark: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** `GET /oembed`, per https://oembed.com/ section 2.2. */
export const oembedQuery = z.object({
  url: z.url({ protocol: /^https?$/ }),
  maxwidth: z.coerce.number().int().positive().optional(),
  maxheight: z.coerce.number().int().positive().optional(),
  format: text().default('json'),
});
