import type { Crossing } from '../generated/prisma/client.js';
import type { ObservationRow } from '../observations/observations.repo.js';
import type { OgcCrossingFeatureDto, OgcObservationFeatureDto } from '../contracts/ogc-responses.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const point = (lat: number | null, lon: number | null): OgcCrossingFeatureDto['geometry'] =>
  lat !== null && lon !== null ? { type: 'Point', coordinates: [lon, lat] } : null;

/**
 * A crossing as an OGC feature: flat, scalar properties (GDAL and QGIS read nested objects
 * poorly); a crossing whose location no source gives has a null geometry.
 */
export function crossingFeature(c: Crossing): OgcCrossingFeatureDto {
  return {
    type: 'Feature',
    id: c.id,
    geometry: point(c.lat, c.lon),
    properties: {
      name_en: c.nameEn, name_zh: c.nameZh, name_ko: c.nameKo, country_a: c.countryA, country_b: c.countryB,
      kind: c.kind, kind_note: c.kindNote, status: c.status, sources: c.sources.join(' | '),
    },
  };
}

/**
 * An observation as an OGC feature at its crossing's location. The observer's own position
 * is left out: it locates a person, and the crossing is what was observed.
 */
export function observationFeature(o: ObservationRow & { crossing: { lat: number | null; lon: number | null } }): OgcObservationFeatureDto {
  return {
    type: 'Feature',
    id: o.id,
    geometry: point(o.crossing.lat, o.crossing.lon),
    properties: {
      crossing_id: o.crossingId, observed_at: o.observedAt.toISOString(), period_start: iso(o.periodStart), period_end: iso(o.periodEnd),
      metric: o.metric, value: o.value, vehicle_class: o.vehicleClass, direction_from: o.directionFrom, direction_to: o.directionTo,
      method: o.method, source: o.source, measure: o.measure, source_url: o.sourceUrl, retrieved_at: iso(o.retrievedAt), confidence: o.confidence,
      notes: o.notes, status: o.status, submitted_by: o.submittedBy, synthetic: o.method === 'synthetic',
    },
  };
}
