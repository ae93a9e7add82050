// Builds the offline basemap from Natural Earth (the world-atlas package) into app/public/basemap/:
// world.json (1:50m countries and borders, everywhere) and region.json (1:10m, clipped to the
// China–DPRK border region, drawn on top). Run by `npm run build:app`; nothing is fetched.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BBox, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { clipToBbox } from '../../geo/clip-to-bbox.js';
import { roundCoordinates } from '../../geo/round-coordinates.js';

/** Yalu and Tumen river basins with margin: where the 1:10m detail matters. */
export const DETAIL_REGION: BBox = [118, 37, 134, 46];

const require = createRequire(import.meta.url);
const outDir = new URL('../public/basemap/', import.meta.url);

function load(scale: '10m' | '50m') {
  const topo = require(`world-atlas/countries-${scale}.json`) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  // Borders shared by two countries only: coastlines come from the land/water contrast.
  const borders: FeatureCollection<MultiLineString> = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) }],
  };
  return { countries, borders };
}

function write(name: string, layers: Record<string, FeatureCollection>) {
  fs.mkdirSync(outDir, { recursive: true });
  const body = JSON.stringify({
    source: 'Natural Earth via the world-atlas package (public domain)',
    ...layers,
  });
  fs.writeFileSync(new URL(name, outDir), body);
  console.log(`basemap: ${name} ${(body.length / 1024).toFixed(0)} KiB`);
}

const world = load('50m');
write('world.json', { countries: roundCoordinates(world.countries, 3), borders: roundCoordinates(world.borders, 3) });
const detail = load('10m');
write('region.json', {
  countries: roundCoordinates(clipToBbox(detail.countries, DETAIL_REGION), 4),
  borders: roundCoordinates(clipToBbox(detail.borders, DETAIL_REGION), 4),
});
