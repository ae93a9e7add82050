import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { observationInput, type ObservationInput } from '../contracts/observations.js';
import { listCrossingsByIds } from '../crossings/crossings.repo.js';
import type { FieldIssue } from '../http/http-error.js';
import { toFieldIssues } from '../http/validate.js';
import { observationContentHash } from './content-hash.js';
import {
  createObservationsIfAbsent, listObservationHashes,
  type NewObservation, type ObservationRow,
} from './observations.repo.js';

/** Who submits: stamped on every row and audit event. */
export type Submitter = { userId: string | null; label: string };

export type SubmitResult =
  | { index: number; status: 'created'; id: string; row: ObservationRow }
  | { index: number; status: 'existing'; id: string }
  | { index: number; status: 'conflict'; id: string; message: string }
  | { index: number; status: 'invalid'; issues: FieldIssue[] };

type Valid = { index: number; input: ObservationInput; id: string; hash: string };

function toRow(v: Valid, by: Submitter, importId?: string): NewObservation {
  const o = v.input;
  return {
    id: v.id,
    crossingId: o.crossingId,
    observedAt: o.observedAt,
    periodStart: o.period?.start ?? null,
    periodEnd: o.period?.end ?? null,
    metric: o.metric,
    value: o.value,
    vehicleClass: o.vehicleClass,
    directionFrom: o.direction?.from ?? null,
    directionTo: o.direction?.to ?? null,
    method: o.method,
    source: o.source,
    sourceUrl: o.sourceUrl ?? null,
    retrievedAt: o.retrievedAt ?? null,
    observerLat: o.observer?.lat ?? null,
    observerLon: o.observer?.lon ?? null,
    observerAccuracyM: o.observer?.accuracyM ?? null,
    confidence: o.confidence ?? null,
    notes: o.notes ?? null,
    submittedBy: by.label,
    submittedByUserId: by.userId,
    importId: importId ?? null,
    contentHash: v.hash,
  };
}

/** Checks that need the database: the crossing exists and the direction runs between its countries. */
async function checkAgainstCrossings(prisma: PrismaClient, items: Valid[]): Promise<Map<number, FieldIssue[]>> {
  const ids = [...new Set(items.map((v) => v.input.crossingId))];
  const crossings = new Map((await listCrossingsByIds(prisma, ids)).map((c) => [c.id, c]));
  const problems = new Map<number, FieldIssue[]>();
  for (const v of items) {
    const crossing = crossings.get(v.input.crossingId);
    if (!crossing) {
      problems.set(v.index, [{ path: 'crossingId', message: `no crossing has the id "${v.input.crossingId}"` }]);
      continue;
    }
    const d = v.input.direction;
    const pair = [crossing.countryA, crossing.countryB];
    if (d && !(pair.includes(d.from) && pair.includes(d.to))) {
      problems.set(v.index, [
        { path: 'direction', message: `must run between this crossing's countries, ${pair.join(' and ')}` },
      ]);
    }
  }
  return problems;
}

/**
 * Stores each valid item once. Ids are the idempotency keys: an id already stored with the
 * same content is `existing` (a safe resend), with other content a `conflict`. One bad item
 * never stops the others. Safe under concurrency: the insert is ON CONFLICT DO NOTHING and
 * only the request whose insert returned the row reports it `created`.
 */
export async function submitObservations(
  prisma: PrismaClient,
  items: unknown[],
  by: Submitter,
  opts: {
    importId?: string;
    alsoInTransaction?: (tx: Prisma.TransactionClient, created: ObservationRow[]) => Promise<void>;
  } = {},
): Promise<SubmitResult[]> {
  const results: SubmitResult[] = [];
  const parsed: Valid[] = [];
  items.forEach((item, index) => {
    const r = observationInput.safeParse(item);
    if (!r.success) {
      results.push({ index, status: 'invalid', issues: toFieldIssues(r.error) });
      return;
    }
    parsed.push({ index, input: r.data, id: r.data.id ?? crypto.randomUUID(), hash: observationContentHash(r.data) });
  });

  const problems = parsed.length ? await checkAgainstCrossings(prisma, parsed) : new Map<number, FieldIssue[]>();
  const valid = parsed.filter((v) => {
    const issues = problems.get(v.index);
    if (issues) results.push({ index: v.index, status: 'invalid', issues });
    return !issues;
  });

  // Within one batch the first occurrence of an id is the one inserted.
  const firsts = new Map<string, Valid>();
  for (const v of valid) if (!firsts.has(v.id)) firsts.set(v.id, v);
  const rows = [...firsts.values()].map((v) => toRow(v, by, opts.importId));
  const created = new Map(
    (await createObservationsIfAbsent(prisma, rows, by, opts.alsoInTransaction)).map((row) => [row.id, row]),
  );

  const notCreated = valid.filter((v) => !(created.has(v.id) && firsts.get(v.id) === v));
  const stored = new Map(
    (await listObservationHashes(prisma, [...new Set(notCreated.map((v) => v.id))])).map((r) => [r.id, r.contentHash]),
  );
  for (const v of valid) {
    const row = created.get(v.id);
    if (row && firsts.get(v.id) === v) {
      results.push({ index: v.index, status: 'created', id: v.id, row });
    } else if (stored.get(v.id) === v.hash) {
      results.push({ index: v.index, status: 'existing', id: v.id });
    } else {
      results.push({
        index: v.index,
        status: 'conflict',
        id: v.id,
        message: `observation ${v.id} already exists with different content; use a new id for a new observation`,
      });
    }
  }
  return results.sort((a, b) => a.index - b.index);
}
