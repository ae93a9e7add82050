// Builds the offline basemap from Natural Earth (the world-atlas package) into app/public/basemap/:
// world-110m.json (1:110m, the analyst map's first frame: a tenth of the 1:50m), world.json (1:50m countries and
// borders, everywhere) and region.json (1:10m, clipped to the China–DPRK border region, drawn on top). Run by
// `npm run build:app`; nothing is fetched.
import fs from 'node:fs';
import type { BBox, FeatureCollection } from 'geojson';
import { clipToBbox } from '../../geo/clip-to-bbox.js';
import { roundCoordinates } from '../../geo/round-coordinates.js';
import { loadNaturalEarth as load, NATURAL_EARTH_SOURCE } from '../../server/basemap/natural-earth.js';

/** Yalu and Tumen river basins with margin: where the 1:10m detail matters. */
export const DETAIL_REGION: BBox = [118, 37, 134, 46];

const outDir = new URL('../public/basemap/', import.meta.url);

function write(name: string, layers: Record<string, FeatureCollection>) {
  fs.mkdirSync(outDir, { recursive: true });
  const body = JSON.stringify({
    source: NATURAL_EARTH_SOURCE,
    ...layers,
  });
  fs.writeFileSync(new URL(name, outDir), body);
  console.log(`basemap: ${name} ${(body.length / 1024).toFixed(0)} KiB`);
}

const coarse = load('110m');
write('world-110m.json', { countries: roundCoordinates(coarse.countries, 2), borders: roundCoordinates(coarse.borders, 2) });
const world = load('50m');
write('world.json', { countries: roundCoordinates(world.countries, 3), borders: roundCoordinates(world.borders, 3) });
const detail = load('10m');
write('region.json', {
  countries: roundCoordinates(clipToBbox(detail.countries, DETAIL_REGION), 4),
  borders: roundCoordinates(clipToBbox(detail.borders, DETAIL_REGION), 4),
});
