import crypto from 'node:crypto';
import type { PrismaClient, SavedView } from '../generated/prisma/client.js';
import { scaleForZoom, type Scale } from '../basemap/natural-earth.js';
import type { EmbedCrossingDto, EmbedDataDto } from '../contracts/embeds.js';
import { savedViewSettings, type SavedViewSettings } from '../contracts/views.js';
import { listCrossings } from '../crossings/crossings.repo.js';
import { joinsCountries } from '../crossings/joins-countries.js';
import { listMonthlyRollup } from '../rollups/monthly-rollup.repo.js';
import { activitySources, type ActivitySources } from './embed-sources.js';
import { rollupGrid } from '../rollups/rollup-grid.js';
import { monthStart, nextMonthStart } from '../time/month-bounds.js';
import { loadPairTrade, tradeFigureOf } from '../trade/pair-trade.js';
import { getAnalysis } from '../analysis/analysis.service.js';
import { HttpError } from '../http/http-error.js';
import { monthlyValue } from '../analysis/monthly-value.js';
import { relativeChange } from '../../app/src/analysis/change.js';
import { changeColor, radiusFor } from '../../app/src/analysis/crossing-symbols.js';
import { describeHeadline } from '../../app/src/analysis/headline-summary.js';
import { DEFAULT_RELEASE_LAG_DAYS } from '../analysis/nowcast.js';
import { cameraForBbox, expandBbox, viewportBbox, type Camera } from '../../geo/web-mercator.js';

/** Names a basemap cut: the same bounds and scale give the same version, so its URL can be cached for good. */
export const basemapVersion = (bounds: number[], scale: Scale) =>
  crypto.createHash('sha256').update(`${bounds.map((b) => b.toFixed(6)).join(',')}|${scale}`).digest('base64url').slice(0, 16);

/** The viewport an embed is designed for; the map may be panned one viewport further each way. */
export const EMBED_VIEWPORT = { width: 800, height: 500 };
const CROSSING_ZOOM = 9;
const APPROVED = { status: 'approved' } as const;

type Crossing = Awaited<ReturnType<typeof listCrossings>>[number];
const located = (c: Crossing): c is Crossing & { lat: number; lon: number } => c.lat !== null && c.lon !== null;

function startCamera(saved: Camera | null, headline: Crossing | undefined, active: Crossing[]): Camera {
  if (saved) return saved;
  if (headline && located(headline)) return { zoom: CROSSING_ZOOM, lat: headline.lat, lng: headline.lon };
  const points = active.filter(located);
  if (!points.length) return { zoom: 2, lat: 30, lng: 0 };
  const lons = points.map((c) => c.lon);
  const lats = points.map((c) => c.lat);
  const bbox: [number, number, number, number] = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  return cameraForBbox(expandBbox(bbox, 0.1), EMBED_VIEWPORT.width, EMBED_VIEWPORT.height, 40, CROSSING_ZOOM);
}

const inBounds = (c: Crossing, [w, s, e, n]: number[]) => located(c) && c.lon >= w && c.lon <= e && c.lat >= s && c.lat <= n;

/** Each trade figure's source, aligned with the embed's `trade` values (null where there is no figure). */
export type TradeSources = { exports: (string | null)[]; imports: (string | null)[] };

/**
 * What the embed's CSV says beside each value and the data JSON does not carry (an open embed refreshes that
 * JSON; nobody reads per-month sources there): the sources of every activity value and trade figure shown.
 */
export type EmbedRowSources = { activity: ActivitySources; trade: TradeSources | null };

const NO_TRADE = { trade: null, sources: [], monthSources: null };

/** Trade between two countries (the one pairing rule, `loadPairTrade`), aligned with `months`. */
async function tradeFor(prisma: PrismaClient, pair: [string, string], months: string[]) {
  if (!months.length) return NO_TRADE;
  const paired = await loadPairTrade(prisma, pair[0], pair[1], { from: months[0], to: months.at(-1) });
  if (!paired) return NO_TRADE;
  const sources = new Set<string>();
  const figures = (flow: 'exports' | 'imports') => months.map((m) => tradeFigureOf(paired.months.get(m), flow));
  const exports = figures('exports');
  const imports = figures('imports');
  for (const f of [...exports, ...imports]) if (f) sources.add(f.source);
  return {
    trade: { reporter: paired.reporter, partner: paired.partner, exports: exports.map((f) => f?.valueUsd ?? null), imports: imports.map((f) => f?.valueUsd ?? null) },
    sources: [...sources],
    monthSources: { exports: exports.map((f) => f?.source ?? null), imports: imports.map((f) => f?.source ?? null) },
  };
}

/** The analysis of the view's border, else of its headline crossing; null when there is no trade to compare with. */
async function analysisFor(prisma: PrismaClient, view: SavedViewSettings, crossing: string | null, releaseLagDays: Record<string, number>): Promise<EmbedDataDto['analysis']> {
  const [reporter, partner] = view.border?.split('-') ?? [];
  if (!view.border && !crossing) return null;
  const q = {
    ...(view.border ? { reporter, partner } : { crossing: crossing! }),
    flow: view.flow, metric: view.metric, vehicleClass: view.vehicleClass ?? undefined, method: view.method ?? undefined,
    from: view.from ?? undefined, to: view.to ?? undefined,
  };
  const a = await getAnalysis(prisma, q, APPROVED, { releaseLagDays }).catch((err) => {
    // A saved border whose crossings were since removed: the embed still draws, without the analysis.
    if (err instanceof HttpError && err.status === 400) return null;
    throw err;
  });
  if (!a || !a.trade) return null;
  return { summary: a.summary, verdict: a.chosen.verdict, reporter: a.reporter, partner: a.partner, flow: a.flow, synthetic: a.synthetic, nowcast: a.nowcast };
}

/**
 * Everything a public embed of `saved` shows, from approved observations only: the headline
 * crossing and month, the map's symbols, the chart's series, sources and a one-line summary.
 */
export async function buildEmbedData(
  prisma: PrismaClient, saved: SavedView, refreshSeconds: number, releaseLagDays: Record<string, number> = DEFAULT_RELEASE_LAG_DAYS,
): Promise<{ data: EmbedDataDto; rowSources: EmbedRowSources }> {
  const view = savedViewSettings.parse(saved.view);
  const fromDate = view.from ? monthStart(view.from) : undefined;
  const toDate = view.to ? nextMonthStart(view.to) : undefined;
  const [allRows, crossings] = await Promise.all([
    listMonthlyRollup(prisma, {
      metric: view.metric, vehicleClass: view.vehicleClass ?? undefined, method: view.method ?? undefined,
      direction: view.direction ?? undefined, scope: APPROVED, fromDate, toDate,
    }),
    listCrossings(prisma),
  ]);

  // A border view speaks of that border's crossings only: its headline, symbols' scale, sources and synthetic flag.
  const border = view.border?.split('-');
  const inBorder = (c: Crossing) => !border || joinsCountries(c, border);
  const borderIds = new Set(crossings.filter(inBorder).map((c) => c.id));
  const rows = allRows.filter((r) => borderIds.has(r.crossingId));
  const { months, cells } = rollupGrid(rows, view.from, view.to);
  const index = new Map(months.map((m, i) => [m, i]));
  const series = new Map([...cells].map(([id, row]) => [id, row.map((cell) => monthlyValue(view.metric, cell))]));

  const latestWithValue = (values: (number | null)[] | undefined) => {
    if (!values) return -1;
    for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
    return -1;
  };
  // The saved month if it is in range; else the latest month anything was approved for.
  let monthIndex = view.month && index.has(view.month) ? index.get(view.month)! : -1;
  if (monthIndex < 0) {
    const candidates = view.crossing ? [series.get(view.crossing)] : [...series.values()];
    monthIndex = Math.max(-1, ...candidates.map(latestWithValue));
  }
  const busiest = () => {
    let best: string | null = null;
    for (const [id, values] of series) if (values[monthIndex] != null && (best === null || values[monthIndex]! > series.get(best)![monthIndex]!)) best = id;
    return best;
  };
  const headlineId = view.crossing ?? (monthIndex >= 0 ? busiest() : null);
  const headlineCrossing = crossings.find((c) => c.id === headlineId);
  const activity = (headlineId && series.get(headlineId)) || months.map(() => null);
  const value = monthIndex >= 0 ? activity[monthIndex] ?? null : null;
  // A change never compares a real month with a synthetic one (relativeChange returns null then).
  const kinds = (id: string | null) => (id ? cells.get(id)?.map((cell) => cell?.synthetic) : undefined);
  const change = monthIndex >= 0 ? relativeChange(activity, monthIndex, view.baseline, kinds(headlineId)) : null;

  const camera = startCamera(view.camera, headlineCrossing, crossings.filter((c) => series.has(c.id)));
  const bounds = expandBbox(viewportBbox(camera, EMBED_VIEWPORT.width, EMBED_VIEWPORT.height), 1) as EmbedDataDto['bounds'];
  const basemapUrl = `/embed/${saved.id}/basemap.json?v=${basemapVersion(bounds, scaleForZoom(camera.zoom))}`;
  let max = 0;
  for (const values of series.values()) for (const v of values) if (v !== null && v > max) max = v;
  // On the map: every crossing in the area; listed too: one with data but no known location.
  const shownCrossings = crossings.filter((c) => c.id === headlineId || inBounds(c, bounds) || (!located(c) && series.has(c.id)));
  const synthetic = rows.some((r) => r.synthetic && shownCrossings.some((c) => c.id === r.crossingId));
  // The sentence is about the headline crossing: it says "synthetic" only when that crossing's own figures are.
  const headlineSynthetic = headlineId ? rows.some((r) => r.synthetic && r.crossingId === headlineId) : synthetic;
  const shown: EmbedCrossingDto[] = shownCrossings
    .map((c) => {
      const values = series.get(c.id);
      const v = monthIndex >= 0 && values ? values[monthIndex] : null;
      const ch = monthIndex >= 0 && values ? relativeChange(values, monthIndex, view.baseline, kinds(c.id)) : null;
      return {
        id: c.id, names: { en: c.nameEn, zh: c.nameZh, ko: c.nameKo }, countries: [c.countryA, c.countryB],
        lng: c.lon, lat: c.lat, value: v, change: ch, radius: Math.round(radiusFor(v, max) * 10) / 10, color: changeColor(ch),
      };
    });

  // Trade between the headline crossing's two countries; with no crossing to speak of, none (never a default pair).
  const month = monthIndex >= 0 ? months[monthIndex] : null;
  const others = shown.filter((c) => c.id !== headlineId && c.value !== null).map((c) => c.id);
  const [{ trade, sources: tradeSources, monthSources: tradeMonthSources }, obs, analysis] = await Promise.all([
    headlineCrossing ? tradeFor(prisma, [headlineCrossing.countryA, headlineCrossing.countryB], months) : NO_TRADE,
    headlineId ? activitySources(prisma, view, { headline: headlineId, others, month }, fromDate, toDate) : { byMonth: new Map(), credited: [] },
    analysisFor(prisma, view, headlineId, releaseLagDays),
  ]);
  const data: EmbedDataDto = {
    viewId: saved.id,
    title: saved.title,
    view,
    metric: view.metric,
    months,
    month,
    crossing: headlineId,
    crossings: shown,
    activity,
    trade,
    headline: { value, change, baseline: view.baseline, synthetic: headlineSynthetic },
    summary: describeHeadline({
      metric: view.metric, vehicleClass: view.vehicleClass, place: headlineCrossing?.nameEn ?? 'the crossings shown',
      month, value, change, baseline: view.baseline, range: months.length ? { from: months[0], to: months.at(-1)! } : null,
      synthetic: headlineSynthetic, locale: 'en',
    }),
    sources: { trade: tradeSources, observations: obs.credited },
    synthetic,
    analysis,
    camera,
    bounds,
    basemapUrl,
    refreshSeconds,
  };
  return { data, rowSources: { activity: obs.byMonth, trade: tradeMonthSources } };
}
