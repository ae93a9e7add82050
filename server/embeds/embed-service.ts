import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { EmbedDataDto } from '../contracts/embeds.js';
import { basemapFor, scaleForZoom } from '../basemap/natural-earth.js';
import { basemapVersion, buildEmbedData } from './embed-data.js';
import { renderEmbedPng, renderEmbedSvg, type ImageOptions } from './render-static-image.js';
import { TtlCache } from '../http/ttl-cache.js';
import { concurrencyLimit } from './concurrency-limit.js';

export type EmbedSettings = {
  /** How often open embeds ask for new data. */
  refreshSeconds: number;
  /** How long one computed embed is reused before the database is asked again. */
  cacheSeconds: number;
};

/** One computed embed: its data, serialized once, and a validator derived from the bytes. */
export type EmbedEntry = { data: EmbedDataDto; json: string; etag: string };

const VIEW_ID = /^[0-9A-Za-z]{10}$/;
const DAY_MS = 86_400_000;

export const hashOf = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('base64url').slice(0, 27);

/**
 * Computes embeds and keeps them briefly, so a front-page spike costs one set of queries per
 * view every `cacheSeconds` and conditional requests are answered without the database.
 * Images and basemaps are keyed by what they are drawn from and kept longer.
 */
export function createEmbedService(prisma: PrismaClient, settings: EmbedSettings) {
  const entries = new TtlCache<EmbedEntry | null>(1000, settings.cacheSeconds * 1000);
  const basemaps = new TtlCache<string>(200, DAY_MS);
  const images = new TtlCache<Buffer>(300, DAY_MS);
  // Rendering is CPU work (librsvg, PNG quantization): at most two at a time, whatever the
  // number of sizes asked for; the rest wait their turn.
  const renderSlot = concurrencyLimit(2);

  async function compute(id: string): Promise<EmbedEntry | null> {
    const view = await prisma.savedView.findUnique({ where: { id } });
    if (!view) return null;
    const data = await buildEmbedData(prisma, view, settings.refreshSeconds);
    const json = JSON.stringify(data);
    return { data, json, etag: `W/"${hashOf(json)}"` };
  }

  return {
    settings,
    /** The embed for a saved view id; null for an id that is malformed or not saved. */
    entry(id: string): Promise<EmbedEntry | null> {
      return VIEW_ID.test(id) ? entries.get(id, () => compute(id)) : Promise.resolve(null);
    },

    /** Natural Earth cut to the area the embed's map may show, and the version naming that cut. */
    async basemap(entry: EmbedEntry): Promise<{ json: string; version: string }> {
      const { bounds, camera } = entry.data;
      const scale = scaleForZoom(camera.zoom);
      const version = basemapVersion(bounds, scale);
      return { json: await basemaps.get(version, async () => JSON.stringify(basemapFor(bounds, scale))), version };
    },

    async image(entry: EmbedEntry, opts: ImageOptions, format: 'svg' | 'png'): Promise<Buffer> {
      const key = `${entry.etag}|${opts.width}x${opts.height}|${opts.dark}|${format}`;
      return images.get(key, async () => {
        const basemap = JSON.parse((await this.basemap(entry)).json);
        return renderSlot(async () => {
          const svg = renderEmbedSvg(entry.data, basemap, opts);
          return format === 'svg' ? Buffer.from(svg) : renderEmbedPng(svg);
        });
      });
    },
  };
}

export type EmbedService = ReturnType<typeof createEmbedService>;
