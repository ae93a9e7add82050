import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { CBP_FEED, prepareCbpSnapshot, storeCbpReadings } from './cbp-store.js';
import { queueImportCommitted } from '../webhooks/import-events.js';

export { CBP_FEED } from './cbp-store.js';
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

/**
 * Fetches one CBP Border Wait Times snapshot and stores the commercial lanes' waits as
 * `wait_minutes` observations at the port's crossing (made, without a location, when new).
 * A snapshot identical to one already stored is skipped by its hash; a reading repeated in a
 * newer snapshot is found by its id. Official figures from a configured feed: stored approved.
 * Unlike an uploaded snapshot (import-cbp.ts, all or nothing), a polled one stores its
 * readable ports and reports the others: one odd lane upstream must not stop every port's
 * waits from being recorded, poll after poll.
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
  const snapshot = prepareCbpSnapshot(body, fetchedAt, url);
  report.ports = snapshot.ports;
  report.readings = snapshot.readings.length;
  report.problems = snapshot.problems;

  await prisma.$transaction(async (tx) => {
    const { crossingsCreated, results } = await storeCbpReadings(tx, snapshot, BY, 'official feed (CBP), polled');
    report.crossingsCreated = crossingsCreated;
    for (const r of results) report[r.status === 'created' ? 'created' : r.status === 'existing' ? 'existing' : 'conflicts']++;
    await tx.feedSnapshot.create({ data: { feed: CBP_FEED, sha256, observationsCreated: report.created } });
    await queueImportCommitted(tx, { kind: 'cbp-poll', fileName: url, rowsTotal: snapshot.readings.length, created: report.created, existing: report.existing });
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
