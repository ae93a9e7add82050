import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { observationInput, type ObservationInput } from '../contracts/observations.js';
import type { FeedImportOptions, FeedImportReport } from '../contracts/imports.js';
import { toFieldIssues } from '../http/validate.js';
import { observationContentHash } from '../observations/content-hash.js';
import { approveImported, listObservationHashes } from '../observations/observations.repo.js';
import { keyUuid, storeObservations, type Submitter, type ValidObservation } from '../observations/submit-observations.js';
import { usPortCrossingId } from './us-port.js';
import { readCsvRows } from '../imports/read-rows.js';
import { FEED_PROGRESS_EVERY, newFeedReport, RollBack, rowErrors, secondsSince, tallyByHash, tallyStored } from '../imports/import-report.js';
import { nextMonthStart, monthStart } from '../time/month-bounds.js';
import { BTS_MEASURES } from './bts-measures.js';
import { parseBtsRow, type BtsRecord } from './bts-row.js';
import { queueImportCommitted } from '../webhooks/import-events.js';

const CHUNK = 2000;
export const BTS_SOURCE = 'US Bureau of Transportation Statistics, Border Crossing Entry Data';
const APPROVAL_REASON = 'official statistic (BTS), imported by an analyst';

/** The crossing a BTS port is: its port code is the stable part of the id. */
export const btsCrossingId = usPortCrossingId;

/** A UUID fixed by port, month and measure (not by value): a revised value is a conflict, never a second row. */
const btsObservationId = (r: BtsRecord) => keyUuid(`bts|${r.portCode}|${r.month}|${r.measure}`);

function toObservation(r: BtsRecord, retrievedAt: string): ObservationInput {
  return observationInput.parse({
    id: btsObservationId(r),
    crossingId: btsCrossingId(r),
    observedAt: monthStart(r.month).toISOString(),
    period: { start: monthStart(r.month).toISOString(), end: nextMonthStart(r.month).toISOString() },
    metric: 'crossed_vehicles',
    value: r.value,
    vehicleClass: BTS_MEASURES[r.measure].vehicleClass,
    // BTS counts inbound crossings: into the US.
    direction: { from: r.neighbour, to: 'US' },
    method: 'customs',
    source: BTS_SOURCE,
    measure: r.measure,
    sourceUrl: 'https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2',
    retrievedAt: `${retrievedAt}T00:00:00Z`,
  });
}

type Port = { id: string; nameEn: string; countryB: string; lat: number | null; lon: number | null; code: string };

function portCrossing(p: Port): Prisma.CrossingCreateManyInput {
  return {
    id: p.id, nameEn: p.nameEn, countryA: 'US', countryB: p.countryB, kind: 'unknown', status: 'open',
    lat: p.lat, lon: p.lon, sources: [`${BTS_SOURCE} (port code ${p.code})`],
  };
}

/**
 * Imports a BTS Border Crossing Entry Data CSV (current or older layout): a crossing per port
 * (created, or renamed/moved when the file says so) and a monthly `crossed_vehicles` observation
 * per measure, direction into the US, method `customs`. Streams the file; all or nothing: any
 * invalid row, or a value that differs from one stored for the same port, month and measure,
 * and nothing is written. Importing the same file again changes nothing. The rows are approved
 * as they are stored: an analyst (or an operator at the command line) importing the publisher's
 * own figures is their review, recorded in the audit trail.
 */
export async function importBts(
  prisma: PrismaClient,
  file: string,
  opts: FeedImportOptions,
  by: Submitter,
  limits: { maxRows: number },
  onProgress: (rows: number, phase?: 'read' | 'write') => void = () => {},
): Promise<FeedImportReport> {
  const started = performance.now();
  const report = newFeedReport('bts', opts.dryRun);
  const errors = rowErrors();
  const addError = errors.add;
  const ports = new Map<string, Port>();
  // Pass 1 keeps only id → (hash, line) per row: about 150 bytes, whatever the file's size.
  const rowHashes = new Map<string, { hash: string; line: number }>();

  for await (const { line, observation, record, issues } of readBtsFile(file, opts, limits)) {
    report.rows++;
    if (issues) {
      report.invalid++;
      addError({ line, fields: issues });
      continue;
    }
    const id = btsCrossingId(record!);
    const known = ports.get(id);
    // A row without a location never takes away one another row (or the database) gave.
    ports.set(id, {
      id, code: record!.portCode, nameEn: `${record!.portName}, ${record!.state}`, countryB: record!.neighbour,
      lat: record!.lat ?? known?.lat ?? null, lon: record!.lon ?? known?.lon ?? null,
    });
    const seen = rowHashes.get(observation!.id);
    if (!seen) rowHashes.set(observation!.id, { hash: observation!.hash, line });
    else if (seen.hash !== observation!.hash) {
      // The same port, month and measure twice in one file: the second must say the same.
      report.invalid++;
      addError({ line, fields: [{ path: 'Value', message: `differs from line ${seen.line} for the same port, month and measure` }] });
    }
    if (report.rows % FEED_PROGRESS_EVERY === 0) onProgress(report.rows, 'read');
  }
  onProgress(report.rows, 'read');

  const stored = new Map((await prisma.crossing.findMany({ where: { id: { in: [...ports.keys()] } } })).map((c) => [c.id, c]));
  for (const p of ports.values()) {
    const c = stored.get(p.id);
    if (c && p.lat === null) [p.lat, p.lon] = [c.lat, c.lon];
  }
  const changed = (p: Port) => {
    const c = stored.get(p.id)!;
    return c.nameEn !== p.nameEn || c.lat !== p.lat || c.lon !== p.lon;
  };
  for (const p of ports.values()) {
    if (!stored.has(p.id)) report.crossings.created++;
    else if (changed(p)) report.crossings.updated++;
    else report.crossings.unchanged++;
  }

  const conflict = (o: { line: number; id: string }) =>
    addError({ line: o.line, fields: [{ path: 'Value', message: `differs from the value stored for this port, month and measure (observation ${o.id})` }] });

  if (report.invalid === 0 && opts.dryRun) {
    const all = [...rowHashes];
    for (let i = 0; i < all.length; i += 5000) {
      const slice = all.slice(i, i + 5000);
      const hashes = new Map((await listObservationHashes(prisma, slice.map(([id]) => id))).map((r) => [r.id, r.contentHash]));
      for (const [id, { hash, line }] of slice) {
        tallyByHash(report, hashes.get(id), hash, () => conflict({ id, line }));
      }
    }
  } else if (report.invalid === 0) {
    try {
      await prisma.$transaction(async (tx) => {
        const fresh = [...ports.values()].filter((p) => !stored.has(p.id));
        if (fresh.length) await tx.crossing.createMany({ data: fresh.map(portCrossing), skipDuplicates: true });
        for (const p of ports.values()) {
          if (stored.has(p.id) && changed(p)) await tx.crossing.update({ where: { id: p.id }, data: { nameEn: p.nameEn, lat: p.lat, lon: p.lon } });
        }
        // Pass 2 reads the file again and writes it chunk by chunk, inside the one transaction.
        let chunk: (ValidObservation & { line: number })[] = [];
        const flush = async () => {
          const results = await storeObservations({ tx }, chunk, by);
          await approveImported(tx, results.filter((r) => r.status === 'created').map((r) => r.id), by, APPROVAL_REASON);
          tallyStored(report, results, (r) => conflict(chunk[r.index]));
          chunk = [];
          onProgress(report.created + report.existing + report.conflicts, 'write');
        };
        for await (const { line, observation } of readBtsFile(file, opts, limits)) {
          chunk.push({ ...observation!, index: chunk.length, line });
          if (chunk.length === CHUNK) await flush();
        }
        if (chunk.length) await flush();
        if (report.conflicts > 0) throw new RollBack();
        await queueImportCommitted(tx, { kind: 'bts', rowsTotal: report.rows, created: report.created, existing: report.existing, invalid: report.invalid });
      }, { timeout: 30 * 60_000, maxWait: 60_000 });
      report.committed = true;
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      report.created = 0;
      report.existing = 0;
    }
  }
  if (!report.committed && !opts.dryRun) report.crossings = { created: 0, updated: 0, unchanged: 0 };
  report.errors = errors.sorted();
  report.errorsTruncated = errors.truncated;
  report.seconds = secondsSince(started);
  return report;
}

/** The file's rows as records with their observation (id, content hash), or the fields that are wrong. */
async function* readBtsFile(file: string, opts: FeedImportOptions, limits: { maxRows: number }) {
  for await (const row of readCsvRows(file, limits.maxRows)) {
    const parsed = parseBtsRow(row.fields as Record<string, string>);
    if ('issues' in parsed) {
      yield { line: row.line, issues: parsed.issues };
      continue;
    }
    try {
      const input = toObservation(parsed.record, opts.retrievedAt);
      // The download date is recorded but is not content: the same figures fetched on another day are the same rows.
      const { retrievedAt: _retrieved, ...content } = input;
      const observation: ValidObservation = { index: 0, input, id: input.id!, hash: observationContentHash(content as ObservationInput) };
      yield { line: row.line, record: parsed.record, observation };
    } catch (err) {
      yield { line: row.line, issues: toFieldIssues(err as never) };
    }
  }
}
