import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BBox, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { clipToBbox } from '../../geo/clip-to-bbox.js';
import { roundCoordinates } from '../../geo/round-coordinates.js';
import type { EmbedBasemapDto } from '../contracts/embeds.js';

export type Basemap = { countries: FeatureCollection<Polygon | MultiPolygon>; borders: FeatureCollection<MultiLineString> };

export const NATURAL_EARTH_SOURCE = 'Natural Earth via the world-atlas package (public domain)';

const require = createRequire(import.meta.url);

/** Natural Earth countries at a scale, and the borders shared by two countries (coastlines come from land vs water). */
export function loadNaturalEarth(scale: Scale): Basemap {
  // Read and parsed here, not require()d: require would keep the topology (36 MB at 1:10m) in its cache for good.
  const file = require.resolve(`world-atlas/countries-${scale}.json`);
  const topo = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return {
    countries: feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon>,
    borders: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) }],
    },
  };
}

export type Scale = '10m' | '50m' | '110m';

/**
 * A parsed world is big (1:10m: about 80 MB of heap) and only needed to cut a new view: it is kept while cuts
 * are being made and dropped a minute after the last one. Cuts themselves are cached by the embed service.
 */
const WORLD_KEPT_MS = 60_000;
const worlds = new Map<Scale, { basemap: Basemap; release: NodeJS.Timeout }>();

function world(scale: Scale): Basemap {
  const held = worlds.get(scale);
  if (held) {
    held.release.refresh();
    return held.basemap;
  }
  const basemap = loadNaturalEarth(scale);
  worlds.set(scale, { basemap, release: setTimeout(() => worlds.delete(scale), WORLD_KEPT_MS).unref() });
  return basemap;
}
const DECIMALS: Record<Scale, number> = { '10m': 4, '50m': 3, '110m': 2 };

/**
 * The Natural Earth scale that suits a map at `zoom`: 1:10m where borders run along rivers a
 * few hundred metres wide, coarser when the view spans countries (a zoom-2 view cut from
 * 1:10m is 11 MB of JSON; from 1:110m, about 100 KB).
 */
export function scaleForZoom(zoom: number): Scale {
  return zoom >= 5 ? '10m' : zoom >= 3 ? '50m' : '110m';
}

/**
 * Countries and borders at `scale` cut to `bbox`, rounded to what the scale can tell apart:
 * what an embed's map and static image draw. A world file is parsed when a cut needs it (1:10m: about 1 s).
 */
export function basemapFor(bbox: BBox, scale: Scale): EmbedBasemapDto {
  const { countries, borders } = world(scale);
  // topojson and turf type what they make as any GeoJSON; it is Natural Earth's named countries and one border
  // mesh, as the contract says (checked against real cuts in server/openapi/public-reads-contracts.api.test.ts).
  return {
    countries: roundCoordinates(clipToBbox(countries, bbox), DECIMALS[scale]),
    borders: roundCoordinates(clipToBbox(borders, bbox), DECIMALS[scale]),
  } as EmbedBasemapDto;
}
