import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { observationInput, type ObservationInput } from '../contracts/observations.js';
import type { FeedImportOptions, FeedImportReport, RowError } from '../contracts/imports.js';
import { toFieldIssues } from '../http/validate.js';
import { observationContentHash } from '../observations/content-hash.js';
import { approveImported, listObservationHashes } from '../observations/observations.repo.js';
import { storeObservations, type Submitter, type ValidObservation } from '../observations/submit-observations.js';
import { readCsvRows } from '../imports/read-rows.js';
import { nextMonthStart, monthStart } from '../time/month-bounds.js';
import { BTS_MEASURES } from './bts-measures.js';
import { parseBtsRow, type BtsRecord } from './bts-row.js';

const MAX_REPORTED_ERRORS = 1000;
const CHUNK = 2000;
export const BTS_SOURCE = 'US Bureau of Transportation Statistics, Border Crossing Entry Data';
const APPROVAL_REASON = 'official statistic (BTS), imported by an analyst';

/** The crossing a BTS port is: its port code is the stable part of the id. */
export const btsCrossingId = (r: Pick<BtsRecord, 'portCode' | 'neighbour'>) => `us-${r.neighbour.toLowerCase()}-port-${r.portCode}`;

/** A UUID fixed by port, month and measure (not by value): a revised value is a conflict, never a second row. */
function btsObservationId(r: BtsRecord): string {
  const h = crypto.createHash('sha256').update(`bts|${r.portCode}|${r.month}|${r.measure}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

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
  onProgress: (rows: number) => void = () => {},
): Promise<FeedImportReport> {
  const started = performance.now();
  const report: FeedImportReport = {
    dryRun: opts.dryRun, committed: false, layout: 'bts', rows: 0, invalid: 0, crossings: { created: 0, updated: 0, unchanged: 0 },
    created: 0, existing: 0, conflicts: 0, revisions: 0, errors: [], errorsTruncated: false, seconds: 0,
  };
  const errors: RowError[] = [];
  const addError = (e: RowError) => (errors.length < MAX_REPORTED_ERRORS ? errors.push(e) : (report.errorsTruncated = true));
  const ports = new Map<string, Port>();
  const observations: (ValidObservation & { line: number })[] = [];

  for await (const row of readCsvRows(file, limits.maxRows)) {
    report.rows++;
    const parsed = parseBtsRow(row.fields as Record<string, string>);
    if ('issues' in parsed) {
      report.invalid++;
      addError({ line: row.line, fields: parsed.issues });
      continue;
    }
    const r = parsed.record;
    const id = btsCrossingId(r);
    ports.set(id, { id, code: r.portCode, nameEn: `${r.portName}, ${r.state}`, countryB: r.neighbour, lat: r.lat, lon: r.lon });
    try {
      const input = toObservation(r, opts.retrievedAt);
      observations.push({ index: observations.length, line: row.line, input, id: input.id!, hash: observationContentHash(input) });
    } catch (err) {
      report.invalid++;
      addError({ line: row.line, fields: toFieldIssues(err as never) });
    }
    if (report.rows % 10_000 === 0) onProgress(report.rows);
  }
  onProgress(report.rows);

  // The same port, month and measure twice in one file: the second must say the same.
  const firstHash = new Map<string, { hash: string; line: number }>();
  for (const o of observations) {
    const seen = firstHash.get(o.id);
    if (!seen) firstHash.set(o.id, { hash: o.hash, line: o.line });
    else if (seen.hash !== o.hash) {
      report.invalid++;
      addError({ line: o.line, fields: [{ path: 'Value', message: `differs from line ${seen.line} for the same port, month and measure` }] });
    }
  }

  const stored = new Map((await prisma.crossing.findMany({ where: { id: { in: [...ports.keys()] } } })).map((c) => [c.id, c]));
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
    for (let i = 0; i < observations.length; i += 5000) {
      const slice = observations.slice(i, i + 5000);
      const hashes = new Map((await listObservationHashes(prisma, slice.map((o) => o.id))).map((r) => [r.id, r.contentHash]));
      for (const o of slice) {
        const h = hashes.get(o.id);
        if (h === undefined) report.created++;
        else if (h === o.hash) report.existing++;
        else (report.conflicts++, conflict(o));
      }
    }
  } else if (report.invalid === 0) {
    class RollBack extends Error {}
    try {
      await prisma.$transaction(async (tx) => {
        const fresh = [...ports.values()].filter((p) => !stored.has(p.id));
        if (fresh.length) await tx.crossing.createMany({ data: fresh.map(portCrossing), skipDuplicates: true });
        for (const p of ports.values()) {
          if (stored.has(p.id) && changed(p)) await tx.crossing.update({ where: { id: p.id }, data: { nameEn: p.nameEn, lat: p.lat, lon: p.lon } });
        }
        for (let i = 0; i < observations.length; i += CHUNK) {
          const slice = observations.slice(i, i + CHUNK);
          const results = await storeObservations({ tx }, slice, by);
          await approveImported(tx, results.filter((r) => r.status === 'created').map((r) => r.id), by, APPROVAL_REASON);
          for (const r of results) {
            if (r.status === 'created') report.created++;
            else if (r.status === 'existing') report.existing++;
            else (report.conflicts++, conflict(slice[r.index - slice[0].index]));
          }
        }
        if (report.conflicts > 0) throw new RollBack();
      }, { timeout: 30 * 60_000, maxWait: 60_000 });
      report.committed = true;
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      report.created = 0;
      report.existing = 0;
    }
  }
  if (!report.committed) report.crossings = opts.dryRun ? report.crossings : { created: 0, updated: 0, unchanged: 0 };
  report.errors = errors.sort((a, b) => a.line - b.line);
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}
