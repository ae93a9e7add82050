import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import { observationInput } from '../contracts/observations.js';
import type { Logger } from '../logger.js';
import { observationContentHash } from '../observations/content-hash.js';
import { approveImported } from '../observations/observations.repo.js';
import { keyUuid, storeObservations, type ValidObservation } from '../observations/submit-observations.js';
import { usPortCrossingId } from './us-port.js';
import { readCbpSnapshot, type CbpReading } from './cbp-snapshot.js';

export const CBP_FEED = 'cbp-bwt';
const SOURCE = 'US Customs and Border Protection, Border Wait Times (bwtnew feed)';
const BY = { userId: null, label: 'CBP wait-time poller' };

export type CbpPollReport = {
  sha256: string;
  /** The same bytes as a snapshot already stored: nothing read, nothing written. */
  repeated: boolean;
  ports: number;
  readings: number;
  created: number;
  existing: number;
  conflicts: number;
  crossingsCreated: number;
  problems: { index: number; fields: { path: string; message: string }[] }[];
};

/** The port's crossing: the same one the BTS import makes for its port code. */
const crossingId = usPortCrossingId;

/** A reading's id: port number, lane and the instant it was taken. A snapshot that repeats a reading finds it stored. */
const readingId = (r: CbpReading) => keyUuid(`cbp|${r.portNumber}|${r.lane}|${r.observedAt.toISOString()}`);

function toObservation(r: CbpReading, url: string): ValidObservation {
  const input = observationInput.parse({
    id: readingId(r),
    crossingId: crossingId(r),
    observedAt: r.observedAt.toISOString(),
    metric: 'wait_minutes',
    value: r.delayMinutes,
    vehicleClass: 'truck',
    direction: { from: r.neighbour, to: 'US' },
    method: 'feed',
    source: SOURCE,
    measure: `commercial ${r.lane} lanes`,
    sourceUrl: url,
    notes: [`${r.crossingName || r.portName} (port number ${r.portNumber})`, r.lanesOpen !== null ? `${r.lanesOpen} lanes open` : null, r.operationalStatus]
      .filter(Boolean).join('; '),
  });
  return { index: 0, input, id: input.id!, hash: observationContentHash(input) };
}

/**
 * Fetches one CBP Border Wait Times snapshot and stores the commercial lanes' waits as
 * `wait_minutes` observations at the port's crossing (made, without a location, when new).
 * A snapshot identical to one already stored is skipped by its hash; a reading repeated in a
 * newer snapshot is found by its id. Official figures from a configured feed: stored approved.
 */
export async function pollCbp(prisma: PrismaClient, url: string, timeoutMs = 20_000): Promise<CbpPollReport> {
  const fetchedAt = new Date();
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`CBP feed ${url} answered ${res.status}`);
  const text = await res.text();
  const sha256 = crypto.createHash('sha256').update(text).digest('hex');
  const report: CbpPollReport = { sha256, repeated: false, ports: 0, readings: 0, created: 0, existing: 0, conflicts: 0, crossingsCreated: 0, problems: [] };
  if (await prisma.feedSnapshot.findUnique({ where: { feed_sha256: { feed: CBP_FEED, sha256 } } })) return { ...report, repeated: true };

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`CBP feed ${url} did not answer JSON`);
  }
  const { readings, problems } = readCbpSnapshot(body, fetchedAt);
  report.ports = Array.isArray(body) ? body.length : 0;
  report.readings = readings.length;
  report.problems = problems;
  // One reading our contract refuses (a wait in the future, say) is reported; the others are stored.
  const observations: ValidObservation[] = [];
  for (const r of readings) {
    try {
      observations.push({ ...toObservation(r, url), index: observations.length });
    } catch (err) {
      problems.push({ index: -1, fields: [{ path: `port ${r.portNumber} ${r.lane} lanes`, message: (err as Error).message.slice(0, 300) }] });
    }
  }

  await prisma.$transaction(async (tx) => {
    const ports = new Map(readings.map((r) => [crossingId(r), r]));
    const { count } = await tx.crossing.createMany({
      data: [...ports].map(([id, r]) => ({
        id, nameEn: r.portName, countryA: 'US', countryB: r.neighbour, kind: 'unknown' as const, status: 'open' as const,
        sources: [`${SOURCE} (port ${r.portCode}); location not given by the feed`],
      })),
      skipDuplicates: true,
    });
    report.crossingsCreated = count;
    const results = observations.length ? await storeObservations({ tx }, observations, BY) : [];
    await approveImported(tx, results.filter((r) => r.status === 'created').map((r) => r.id), BY, 'official feed (CBP), polled');
    for (const r of results) report[r.status === 'created' ? 'created' : r.status === 'existing' ? 'existing' : 'conflicts']++;
    await tx.feedSnapshot.create({ data: { feed: CBP_FEED, sha256, observationsCreated: report.created } });
  });
  return report;
}

/** Polls every `seconds`, one poll at a time; a failed poll is logged and the next one tries again. */
export function startCbpPoller(prisma: PrismaClient, url: string, seconds: number, log: Logger): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await pollCbp(prisma, url);
      log.info({ feed: CBP_FEED, ...r, problems: r.problems.length }, r.repeated ? 'CBP snapshot unchanged' : 'CBP snapshot stored');
    } catch (err) {
      log.warn({ feed: CBP_FEED, err }, 'CBP poll failed; trying again at the next interval');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), seconds * 1000);
  return () => clearInterval(timer);
}
