import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { observationInput, type ObservationInput } from '../contracts/observations.js';
import { listCrossingsByIds } from '../crossings/crossings.repo.js';
import type { FieldIssue } from '../http/http-error.js';
import { toFieldIssues } from '../http/validate.js';
import { observationContentHash } from './content-hash.js';
import {
  createObservationsIfAbsent, insertObservationsIfAbsent, listObservationHashes,
  type NewObservation,
} from './observations.repo.js';
import { copyRow, type CopyRow, type ObservationWriter } from './copy-observations.js';

/** Who submits: stamped on every row and audit event. */
export type Submitter = { userId: string | null; label: string };

export type SubmitResult =
  | { index: number; status: 'created'; id: string }
  | { index: number; status: 'existing'; id: string }
  | { index: number; status: 'conflict'; id: string; message: string }
  | { index: number; status: 'invalid'; issues: FieldIssue[] };

export type ValidObservation = { index: number; input: ObservationInput; id: string; hash: string };

type Db = PrismaClient | Prisma.TransactionClient;

/** A valid observation as the row it becomes. */
export function newObservationRow(v: ValidObservation, by: Submitter, importId?: string): NewObservation {
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
    measure: o.measure ?? null,
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

/** A UUID fixed by a key (a feed's port + month + measure, a demo row's name): the same key, the same row. */
export const keyUuid = (key: string) => contentUuid(crypto.createHash('sha256').update(key).digest('hex'));

/** A UUID fixed by the content, for rows that come without an id (bulk files): re-uploads find the same rows. */
export function contentUuid(hash: string): string {
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** What validation needs of a crossing: the countries a direction must run between. */
export type CrossingCountries = { countryA: string; countryB: string };

/**
 * Validates items one by one (shape, then against the crossings: it exists, the direction runs
 * between its countries). `crossingsFrom` is the database, or every crossing read beforehand (a
 * bulk import's: its transaction may hold the embedded database's one connection, and a read on
 * the writing connection could land between a failed COPY and its rollback). `idFor` gives an id
 * to items that have none.
 */
export async function validateObservations(
  crossingsFrom: Db | ReadonlyMap<string, CrossingCountries>,
  items: unknown[],
  idFor: (hash: string) => string = () => crypto.randomUUID(),
): Promise<{ valid: ValidObservation[]; invalid: Extract<SubmitResult, { status: 'invalid' }>[] }> {
  const invalid: Extract<SubmitResult, { status: 'invalid' }>[] = [];
  const parsed: ValidObservation[] = [];
  items.forEach((item, index) => {
    const r = observationInput.safeParse(item);
    if (!r.success) {
      invalid.push({ index, status: 'invalid', issues: toFieldIssues(r.error) });
      return;
    }
    const hash = observationContentHash(r.data);
    parsed.push({ index, input: r.data, id: r.data.id ?? idFor(hash), hash });
  });
  if (parsed.length === 0) return { valid: [], invalid };
  const crossings = crossingsFrom instanceof Map ? crossingsFrom
    : new Map((await listCrossingsByIds(crossingsFrom as Db, [...new Set(parsed.map((v) => v.input.crossingId))])).map((c) => [c.id, c]));
  const valid = parsed.filter((v) => {
    const crossing = crossings.get(v.input.crossingId);
    const d = v.input.direction;
    let issue: FieldIssue | null = null;
    if (!crossing) issue = { path: 'crossingId', message: `no crossing has the id "${v.input.crossingId}"` };
    else if (d && !([crossing.countryA, crossing.countryB].includes(d.from) && [crossing.countryA, crossing.countryB].includes(d.to))) {
      issue = { path: 'direction', message: `must run between this crossing's countries, ${crossing.countryA} and ${crossing.countryB}` };
    }
    if (issue) invalid.push({ index: v.index, status: 'invalid', issues: [issue] });
    return !issue;
  });
  return { valid, invalid };
}

/** What storing needs of a row to tell created, existing and conflicting ones apart. */
type Keyed = { index: number; id: string; hash: string };

/**
 * Stores valid observations once each. Ids are the idempotency keys: an id already stored
 * with the same content is `existing` (a safe resend), with other content a `conflict`. Safe
 * under concurrency: the insert is ON CONFLICT DO NOTHING and only the call whose insert
 * returned the row reports it `created`. Pass a transaction client to make it part of a larger one.
 */
export async function storeObservations(
  target: { prisma: PrismaClient } | { tx: Prisma.TransactionClient } | { writer: ObservationWriter },
  valid: ValidObservation[],
  by: Submitter,
  opts: {
    importId?: string;
    /** With `prisma`: runs inside the insert's transaction (e.g. the rows' photos). */
    alsoInTransaction?: (tx: Prisma.TransactionClient, createdIds: string[]) => Promise<void>;
  } = {},
): Promise<Exclude<SubmitResult, { status: 'invalid' }>[]> {
  if ('writer' in target) {
    const time = await target.writer.transactionTime();
    return storeCopyRows(target.writer, valid.map((v) => ({ index: v.index, id: v.id, hash: v.hash, copy: copyRow(newObservationRow(v, by, opts.importId), time) })), by);
  }
  const firsts = firstOfEachId(valid);
  const rows = [...firsts.values()].map((v) => newObservationRow(v, by, opts.importId));
  const inserted = 'tx' in target ? await insertObservationsIfAbsent(target.tx, rows, by)
    : await createObservationsIfAbsent(target.prisma, rows, by, opts.alsoInTransaction);
  return outcomes(valid, firsts, new Set(inserted), (ids) => listObservationHashes('tx' in target ? target.tx : target.prisma, ids));
}

/**
 * storeObservations through a COPY writer, for rows rendered for it already: a bulk import renders its rows where it
 * checks them (check-rows.ts), on a worker thread when the database works on this one.
 */
export async function storeCopyRows(writer: ObservationWriter, rows: (Keyed & { copy: CopyRow })[], by: Submitter) {
  const firsts = firstOfEachId(rows);
  const inserted = await writer.insertIfAbsent([...firsts.values()].map((r) => r.copy), by);
  return outcomes(rows, firsts, new Set(inserted), (ids) => writer.contentHashes(ids));
}

/** Within one call the first occurrence of an id is the one inserted. */
function firstOfEachId<T extends Keyed>(rows: T[]): Map<string, T> {
  const firsts = new Map<string, T>();
  for (const r of rows) if (!firsts.has(r.id)) firsts.set(r.id, r);
  return firsts;
}

/** Each row's fate, from the ids the insert created and, for the others, the content hashes stored under their ids. */
async function outcomes(
  rows: Keyed[],
  firsts: Map<string, Keyed>,
  created: Set<string>,
  storedHashes: (ids: string[]) => Promise<{ id: string; contentHash: string }[]>,
): Promise<Exclude<SubmitResult, { status: 'invalid' }>[]> {
  const notCreated = [...new Set(rows.filter((v) => !(created.has(v.id) && firsts.get(v.id) === v)).map((v) => v.id))];
  // Every row created (the usual bulk case): nothing to read back.
  const stored = new Map((notCreated.length === 0 ? [] : await storedHashes(notCreated)).map((r) => [r.id, r.contentHash]));
  return rows.map((v) => {
    if (created.has(v.id) && firsts.get(v.id) === v) return { index: v.index, status: 'created' as const, id: v.id };
    if (stored.get(v.id) === v.hash) return { index: v.index, status: 'existing' as const, id: v.id };
    return {
      index: v.index,
      status: 'conflict' as const,
      id: v.id,
      message: `observation ${v.id} already exists with different content; use a new id for a new observation`,
    };
  });
}

/** Validates and stores; one bad item never stops the others. Results in input order. */
export async function submitObservations(
  prisma: PrismaClient,
  items: unknown[],
  by: Submitter,
  opts: Parameters<typeof storeObservations>[3] = {},
): Promise<SubmitResult[]> {
  const { valid, invalid } = await validateObservations(prisma, items);
  const stored = valid.length ? await storeObservations({ prisma }, valid, by, opts) : [];
  return [...invalid, ...stored].sort((a, b) => a.index - b.index);
}
