import type { Prisma } from '../generated/prisma/client.js';
import { observationInput } from '../contracts/observations.js';
import type { FieldIssue } from '../http/http-error.js';
import { observationContentHash } from '../observations/content-hash.js';
import { approveImported } from '../observations/observations.repo.js';
import { keyUuid, storeObservations, type SubmitResult, type Submitter, type ValidObservation } from '../observations/submit-observations.js';
import { usPortCrossingId } from './us-port.js';
import { readCbpSnapshot, type CbpReading } from './cbp-snapshot.js';

export const CBP_FEED = 'cbp-bwt';
export const CBP_SOURCE = 'US Customs and Border Protection, Border Wait Times (bwtnew feed)';

/** A reading's id: port number, lane and the instant it was taken. A snapshot that repeats a reading finds it stored. */
const readingId = (r: CbpReading) => keyUuid(`cbp|${r.portNumber}|${r.lane}|${r.observedAt.toISOString()}`);

function toObservation(r: CbpReading, sourceUrl: string | null): ValidObservation {
  const input = observationInput.parse({
    id: readingId(r),
    crossingId: usPortCrossingId(r),
    observedAt: r.observedAt.toISOString(),
    metric: 'wait_minutes',
    value: r.delayMinutes,
    vehicleClass: 'truck',
    direction: { from: r.neighbour, to: 'US' },
    method: 'feed',
    source: CBP_SOURCE,
    measure: `commercial ${r.lane} lanes`,
    ...(sourceUrl ? { sourceUrl } : {}),
    notes: [`${r.crossingName || r.portName} (port number ${r.portNumber})`, r.lanesOpen !== null ? `${r.lanesOpen} lanes open` : null, r.operationalStatus]
      .filter(Boolean).join('; '),
  });
  return { index: 0, input, id: input.id!, hash: observationContentHash(input) };
}

export type PreparedCbpSnapshot = {
  /** How many ports the snapshot lists. */
  ports: number;
  readings: CbpReading[];
  /** One per reading in `readings`, same order; `index` is the position. */
  observations: ValidObservation[];
  /** By the port's position in the snapshot (-1: the snapshot as a whole). */
  problems: { index: number; fields: FieldIssue[] }[];
};

/** Reads a parsed snapshot into the observations it holds, and what in it could not be read. */
export function prepareCbpSnapshot(body: unknown, fetchedAt: Date, sourceUrl: string | null): PreparedCbpSnapshot {
  const { readings, problems } = readCbpSnapshot(body, fetchedAt);
  const kept: CbpReading[] = [];
  const observations: ValidObservation[] = [];
  for (const r of readings) {
    try {
      observations.push({ ...toObservation(r, sourceUrl), index: observations.length });
      kept.push(r);
    } catch (err) {
      // Our contract refuses what the feed's own checks let through (a wait in the future, say).
      problems.push({ index: r.portIndex, fields: [{ path: `commercial_vehicle_lanes.${r.lane === 'FAST' ? 'FAST' : 'standard'}_lanes`, message: (err as Error).message.slice(0, 300) }] });
    }
  }
  return { ports: Array.isArray(body) ? body.length : 0, readings: kept, observations, problems };
}

/**
 * Stores prepared readings in `tx`: each port's crossing (made, without a location, when new:
 * the feed gives none) and the observations, approved as official figures. Returns what each
 * observation became.
 */
export async function storeCbpReadings(
  tx: Prisma.TransactionClient, snapshot: PreparedCbpSnapshot, by: Submitter, approvalReason: string,
): Promise<{ crossingsCreated: number; results: SubmitResult[] }> {
  const ports = new Map(snapshot.readings.map((r) => [usPortCrossingId(r), r]));
  const { count } = await tx.crossing.createMany({
    data: [...ports].map(([id, r]) => ({
      id, nameEn: r.portName, countryA: 'US', countryB: r.neighbour, kind: 'unknown' as const, status: 'open' as const,
      sources: [`${CBP_SOURCE} (port ${r.portCode}); location not given by the feed`],
    })),
    skipDuplicates: true,
  });
  const results = snapshot.observations.length ? await storeObservations({ tx }, snapshot.observations, by) : [];
  await approveImported(tx, results.filter((r) => r.status === 'created').map((r) => r.id), by, approvalReason);
  return { crossingsCreated: count, results };
}
