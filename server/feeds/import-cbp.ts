import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { CbpImportOptions, FeedImportReport } from '../contracts/imports.js';
import { newFeedReport, RollBack, rowErrors, secondsSince, tallyByHash, tallyStored } from '../imports/import-report.js';
import { listObservationHashes } from '../observations/observations.repo.js';
import type { Submitter } from '../observations/submit-observations.js';
import { usPortCrossingId } from './us-port.js';
import { CBP_FEED, prepareCbpSnapshot, storeCbpReadings } from './cbp-store.js';
import { queueImportCommitted } from '../webhooks/import-events.js';

const APPROVAL_REASON = 'official feed (CBP), snapshot imported by an analyst';

/**
 * Imports a CBP Border Wait Times snapshot saved to a file (the `bwtnew` JSON), as the poller
 * stores a polled one, but all or nothing: a port that cannot be read, or a reading that differs
 * from the one stored for the same port, lane and instant, and nothing is written. Errors name
 * the port by its position in the snapshot (`line` 1 is the first port). Importing the same
 * snapshot again, or one the poller already stored, changes nothing.
 */
export async function importCbp(
  prisma: PrismaClient,
  file: string,
  opts: CbpImportOptions,
  by: Submitter,
  onProgress: (rows: number, phase?: 'read' | 'write') => void = () => {},
): Promise<FeedImportReport> {
  const started = performance.now();
  const report = newFeedReport(CBP_FEED, opts.dryRun);
  const errors = rowErrors();
  const finish = () => {
    report.errors = errors.sorted();
    report.errorsTruncated = errors.truncated;
    report.seconds = secondsSince(started);
    return report;
  };
  const text = await fs.readFile(file, 'utf8');
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    report.invalid = 1;
    errors.add({ line: 0, fields: [{ path: 'file', message: `is not JSON: ${(err as Error).message.slice(0, 200)}` }] });
    return finish();
  }
  const snapshot = prepareCbpSnapshot(body, opts.fetchedAt, opts.sourceUrl ?? null);
  report.rows = snapshot.ports;
  for (const p of snapshot.problems) errors.add({ line: p.index + 1, fields: p.fields });
  report.invalid = new Set(snapshot.problems.map((p) => p.index)).size;
  onProgress(snapshot.ports, 'read');
  if (report.invalid > 0) return finish();

  const portIds = [...new Set(snapshot.readings.map(usPortCrossingId))];
  const known = new Set((await prisma.crossing.findMany({ where: { id: { in: portIds } }, select: { id: true } })).map((c) => c.id));
  report.crossings = { created: portIds.length - known.size, updated: 0, unchanged: known.size };
  const conflict = (index: number, id: string) => {
    const r = snapshot.readings[index];
    errors.add({ line: r.portIndex + 1, fields: [{ path: `commercial_vehicle_lanes.${r.lane}_lanes.delay_minutes`, message: `differs from the wait stored for this port, lane and time (observation ${id})` }] });
  };

  if (opts.dryRun) {
    const stored = new Map((await listObservationHashes(prisma, snapshot.observations.map((o) => o.id))).map((r) => [r.id, r.contentHash]));
    for (const o of snapshot.observations) {
      tallyByHash(report, stored.get(o.id), o.hash, () => conflict(o.index, o.id));
    }
    return finish();
  }

  try {
    await prisma.$transaction(async (tx) => {
      const { results } = await storeCbpReadings(tx, snapshot, by, APPROVAL_REASON);
      tallyStored(report, results, (r) => conflict(r.index, r.id));
      if (report.conflicts > 0) throw new RollBack();
      const sha256 = crypto.createHash('sha256').update(text).digest('hex');
      await tx.feedSnapshot.createMany({ data: [{ feed: CBP_FEED, sha256, observationsCreated: report.created }], skipDuplicates: true });
      await queueImportCommitted(tx, { kind: 'cbp', rowsTotal: snapshot.readings.length, created: report.created, existing: report.existing });
    });
    report.committed = true;
    onProgress(snapshot.observations.length, 'write');
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    report.created = 0;
    report.existing = 0;
    report.crossings = { created: 0, updated: 0, unchanged: 0 };
  }
  return finish();
}
