import { bboxClip } from '@turf/bbox-clip';
import type { BBox, Feature, FeatureCollection, MultiLineString, MultiPolygon, LineString, Polygon } from 'geojson';

type Clippable = Polygon | MultiPolygon | LineString | MultiLineString;

/**
 * Clips every feature of a collection to a bounding box and drops what falls outside.
 *
 * @example
 * clipToBbox(countries, [119, 37, 134, 46]) // only the China–DPRK border region remains
 */
export function clipToBbox<G extends Clippable>(fc: FeatureCollection<G>, bbox: BBox): FeatureCollection<G> {
  const features: Feature<G>[] = [];
  for (const f of fc.features) {
    const clipped = bboxClip(f, bbox) as Feature<G>;
    const coords = (clipped.geometry as { coordinates: unknown[] }).coordinates;
    if (coords.length > 0 && (coords as unknown[][]).some((part) => part.length > 0)) features.push(clipped);
  }
  return { type: 'FeatureCollection', features };
}
