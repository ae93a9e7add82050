import type { PrismaClient } from '../generated/prisma/client.js';
import type { EmbedDataDto } from '../contracts/embeds.js';
import { basemapFor, scaleForZoom, type Basemap } from '../basemap/natural-earth.js';
import { basemapVersion, buildEmbedData, type EmbedRowSources } from './embed-data.js';
import { embedCsv } from './embed-csv.js';
import { renderEmbedPng, renderEmbedSvg, type ImageOptions } from './render-static-image.js';
import { TtlCache } from '../http/ttl-cache.js';
import { shortHash } from '../http/short-hash.js';
import { concurrencyLimit } from './concurrency-limit.js';

export type EmbedSettings = {
  /** How often open embeds ask for new data. */
  refreshSeconds: number;
  /** How long one computed embed is reused before the database is asked again. */
  cacheSeconds: number;
  /** Release lag per trade reporter (the analysis's expected publication dates). */
  releaseLagDays?: Record<string, number>;
};

/**
 * One computed embed: its data, serialized once, and a validator derived from the bytes; the sources behind
 * each value, for its CSV, which is made on the first download and kept with the entry.
 */
export type EmbedEntry = { data: EmbedDataDto; json: string; etag: string; rowSources: EmbedRowSources; csv?: { text: string; etag: string } };

/** What an id names: an embed, a view its publisher unpublished (410 Gone), or nothing (null, 404). */
export type EmbedLookup = EmbedEntry | typeof UNPUBLISHED | null;
export const UNPUBLISHED = 'unpublished';

const VIEW_ID = /^[0-9A-Za-z]{10}$/;
const DAY_MS = 86_400_000;

/**
 * Computes embeds and keeps them briefly, so a front-page spike costs one set of queries per
 * view every `cacheSeconds` and conditional requests are answered without the database.
 * Images and basemaps are keyed by what they are drawn from and kept longer.
 */
export function createEmbedService(prisma: PrismaClient, settings: EmbedSettings) {
  const entries = new TtlCache<EmbedLookup>(1000, settings.cacheSeconds * 1000);
  // Kept both ways: the JSON the browser gets, the objects the image renderer draws (no re-parse per image).
  const basemaps = new TtlCache<{ json: string; basemap: Basemap }>(200, DAY_MS);
  const images = new TtlCache<Buffer>(300, DAY_MS);
  // Rendering is CPU work (librsvg, PNG quantization): at most two at a time, whatever the
  // number of sizes asked for; the rest wait their turn.
  const renderSlot = concurrencyLimit(2);

  async function compute(id: string): Promise<EmbedLookup> {
    const view = await prisma.savedView.findUnique({ where: { id } });
    if (!view) return null;
    if (view.unpublishedAt) return UNPUBLISHED;
    const { data, rowSources } = await buildEmbedData(prisma, view, settings.refreshSeconds, settings.releaseLagDays);
    const json = JSON.stringify(data);
    return { data, json, etag: `W/"${shortHash(json)}"`, rowSources };
  }

  return {
    settings,
    /** The embed for a saved view id; `UNPUBLISHED` for one its publisher withdrew; null for an id that is malformed or not saved. */
    entry(id: string): Promise<EmbedLookup> {
      return VIEW_ID.test(id) ? entries.get(id, () => compute(id)) : Promise.resolve(null);
    },

    /**
     * Forgets the computed embed of a view that was just edited or unpublished, so the next request reads it
     * again (new title, new ETag, or 410) instead of the copy kept for `cacheSeconds`. Images are keyed by the
     * entry's ETag: the new entry draws new ones. Another server process keeps its own copy until it expires.
     */
    forget(id: string) {
      entries.delete(id);
    },

    /** The embed as CSV, and its validator (from its own bytes: the sources it names are not all in the JSON). */
    csv(entry: EmbedEntry): { text: string; etag: string } {
      if (!entry.csv) {
        const text = embedCsv(entry.data, entry.rowSources);
        entry.csv = { text, etag: `W/"${shortHash(text)}-csv"` };
      }
      return entry.csv;
    },

    /** Natural Earth cut to the area the embed's map may show, and the version naming that cut. */
    async basemap(entry: EmbedEntry): Promise<{ json: string; basemap: Basemap; version: string }> {
      const { bounds, camera } = entry.data;
      const scale = scaleForZoom(camera.zoom);
      const version = basemapVersion(bounds, scale);
      const cut = await basemaps.get(version, async () => {
        const basemap = basemapFor(bounds, scale);
        return { json: JSON.stringify(basemap), basemap };
      });
      return { ...cut, version };
    },

    async image(entry: EmbedEntry, opts: ImageOptions, format: 'svg' | 'png'): Promise<Buffer> {
      const key = `${entry.etag}|${opts.width}x${opts.height}|${opts.dark}|${format}`;
      return images.get(key, async () => {
        const { basemap } = await this.basemap(entry);
        return renderSlot(async () => {
          const svg = renderEmbedSvg(entry.data, basemap, opts);
          return format === 'svg' ? Buffer.from(svg) : renderEmbedPng(svg);
        });
      });
    },
  };
}

export type EmbedService = ReturnType<typeof createEmbedService>;
