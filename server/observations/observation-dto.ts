import type { ObservationDto } from '../contracts/observations.js';
import type { ObservationRow } from './observations.repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toObservationDto(o: ObservationRow): ObservationDto {
  return {
    id: o.id,
    crossingId: o.crossingId,
    observedAt: o.observedAt.toISOString(),
    period: o.periodStart && o.periodEnd ? { start: o.periodStart.toISOString(), end: o.periodEnd.toISOString() } : null,
    metric: o.metric,
    value: o.value,
    vehicleClass: o.vehicleClass,
    direction: o.directionFrom && o.directionTo ? { from: o.directionFrom, to: o.directionTo } : null,
    method: o.method,
    source: o.source,
    measure: o.measure,
    sourceUrl: o.sourceUrl,
    retrievedAt: iso(o.retrievedAt),
    observer:
      o.observerLat !== null && o.observerLon !== null
        ? { lat: o.observerLat, lon: o.observerLon, accuracyM: o.observerAccuracyM }
        : null,
    confidence: o.confidence,
    notes: o.notes,
    status: o.status,
    reviewReason: o.status === 'rejected' ? o.reviewReason : null,
    submittedBy: o.submittedBy,
    synthetic: o.method === 'synthetic',
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
