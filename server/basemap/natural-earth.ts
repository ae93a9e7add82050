import { createRequire } from 'node:module';
import type { BBox, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { clipToBbox } from '../../geo/clip-to-bbox.js';
import { roundCoordinates } from '../../geo/round-coordinates.js';

export type Basemap = { countries: FeatureCollection<Polygon | MultiPolygon>; borders: FeatureCollection<MultiLineString> };

export const NATURAL_EARTH_SOURCE = 'Natural Earth via the world-atlas package (public domain)';

const require = createRequire(import.meta.url);

/** Natural Earth countries at a scale, and the borders shared by two countries (coastlines come from land vs water). */
export function loadNaturalEarth(scale: '10m' | '50m'): Basemap {
  const topo = require(`world-atlas/countries-${scale}.json`) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return {
    countries: feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon>,
    borders: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) }],
    },
  };
}

let detailed: Basemap | null = null;

/**
 * The 1:10m countries and borders cut to `bbox`, rounded to about 10 m: what an embed's map
 * and static image draw. The world file is parsed on first use only (about 1 s, 60 MB).
 */
export function basemapFor(bbox: BBox, decimals = 4): Basemap {
  detailed ??= loadNaturalEarth('10m');
  return {
    countries: roundCoordinates(clipToBbox(detailed.countries, bbox), decimals),
    borders: roundCoordinates(clipToBbox(detailed.borders, bbox), decimals),
  };
}
