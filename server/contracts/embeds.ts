import { z } from 'zod';
import { text } from './common.js';
import type { savedViewSettings } from './views.js';
import type { AnalysisDto } from './analysis.js';

/** One crossing on an embed's map in the headline month (approved data only). */
export type EmbedCrossingDto = {
  id: string;
  names: { en: string; zh: string | null; ko: string | null };
  countries: [string, string];
  /** Null when no public source gives a location; such a crossing is listed, not drawn. */
  lng: number | null;
  lat: number | null;
  value: number | null;
  change: number | null;
  radius: number;
  color: string;
};

/** `GET /embed/:id/data.json`: everything one embed draws, so a refresh is one conditional request. */
export type EmbedDataDto = {
  viewId: string;
  title: string;
  view: z.output<typeof savedViewSettings>;
  metric: string;
  months: string[];
  /** The month the headline is about: the saved month, else the latest with a value. */
  month: string | null;
  /** The crossing the headline is about: the saved crossing, else the busiest that month. */
  crossing: string | null;
  crossings: EmbedCrossingDto[];
  /** The headline crossing's value per month of `months`; null where nothing was approved. */
  activity: (number | null)[];
  /** Trade between the headline crossing's two countries, per month of `months` (US dollars; null = no figure). */
  trade: { reporter: string; partner: string; exports: (number | null)[]; imports: (number | null)[] } | null;
  /** `synthetic`: the headline crossing's own figures are made up (the embed-wide `synthetic` covers every crossing shown). */
  headline: { value: number | null; change: number | null; baseline: 'previous' | 'trailing12'; synthetic: boolean };
  /** The headline as one English sentence: alt text, aria-label, og:description. */
  summary: string;
  sources: { trade: string[]; observations: string[] };
  synthetic: boolean;
  /** What the view's activity says about customs (GET /api/analysis for its border or crossing); null without trade. */
  analysis: {
    summary: string;
    verdict: AnalysisDto['chosen']['verdict'];
    reporter: string;
    partner: string;
    flow: AnalysisDto['flow'];
    synthetic: boolean;
    nowcast: AnalysisDto['nowcast'];
  } | null;
  /** Where the map starts, and the area it may pan in (the basemap is cut to it). */
  camera: { zoom: number; lat: number; lng: number };
  bounds: [number, number, number, number];
  /** Natural Earth cut to `bounds` at a scale that suits the zoom; the URL changes when they do. */
  basemapUrl: string;
  /** How often an open embed asks for new data. */
  refreshSeconds: number;
};

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
