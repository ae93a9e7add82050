import type { Crossing } from '../generated/prisma/client.js';
import type { CrossingActivity, CrossingFeatureDto, CrossingProperties } from '../contracts/crossings.js';
import type { ActivityCounts, LatestByMetric } from './crossings.repo.js';

export function emptyActivity(): CrossingActivity {
  return { observations: 0, syntheticOnly: false, syntheticObservations: 0, lastObservedAt: null, latest: {} };
}

export function buildActivity(counts: ActivityCounts | undefined, latest: LatestByMetric[]): CrossingActivity {
  if (!counts) return emptyActivity();
  return {
    observations: counts.observations,
    syntheticObservations: counts.synthetic,
    syntheticOnly: counts.observations > 0 && counts.synthetic === counts.observations,
    lastObservedAt: counts.lastObservedAt?.toISOString() ?? null,
    latest: Object.fromEntries(
      latest.map((l) => [
        l.metric,
        {
          value: l.value,
          observedAt: l.observedAt.toISOString(),
          method: l.method,
          vehicleClass: l.vehicleClass,
          synthetic: l.method === 'synthetic',
        },
      ]),
    ),
  };
}

/** A crossing as a GeoJSON Feature; an unknown location is a null geometry, never a guessed point. */
export function toCrossingFeature(c: Crossing, activity: CrossingActivity): CrossingFeatureDto {
  const located = c.lat !== null && c.lon !== null;
  return {
    type: 'Feature',
    id: c.id,
    geometry: located ? { type: 'Point', coordinates: [c.lon as number, c.lat as number] } : null,
    properties: {
      id: c.id,
      names: { en: c.nameEn, zh: c.nameZh, ko: c.nameKo },
      countries: [c.countryA, c.countryB],
      kind: c.kind,
      kindNote: c.kindNote,
      status: c.status,
      locationKnown: located,
      // A JSON column only the seed and operators write, holding a GeoJSON Polygon or MultiPolygon (schema.prisma).
      queueZone: (c.queueZone ?? null) as CrossingProperties['queueZone'],
      sources: c.sources,
      activity,
    },
  };
}
