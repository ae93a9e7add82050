import type { SqlSession } from '../db/database.js';
import {
  NEW_OBSERVATION_COLUMN_DEFS, NEW_OBSERVATION_COLUMN_NAMES, observationValues, type NewObservation,
} from './observations.repo.js';

/**
 * A row as the writer takes it: rendered for COPY ahead of time, so that a bulk import can render its rows where it
 * checks them (a worker thread, check-rows.ts) and the writing thread only joins lines.
 */
export type CopyRow = {
  id: string;
  /** NEW_OBSERVATION_COLUMNS then updated_at, as one CSV line with its newline. */
  line: string;
  /** Gets a `create` audit event: a row that came with an import gets none (see insertObservationsIfAbsent). */
  audited: boolean;
};

/** Where a bulk path's rows go and how their stored content is read back (storeObservations' `writer`). */
export interface ObservationWriter {
  /** The transaction's time, as INSERT's now() would give it: what the rows' updated_at must say. */
  transactionTime(): Promise<string>;
  /** Inserts the rows whose id is not taken, each audited one with its `create` audit event; the ids this call created. */
  insertIfAbsent(rows: CopyRow[], by: { userId: string | null; label: string }): Promise<string[]>;
  contentHashes(ids: string[]): Promise<{ id: string; contentHash: string }[]>;
}

/** One CSV cell as COPY reads it: an unquoted empty cell is NULL, so every text is quoted (an empty one too). */
const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : v.includes('"') ? `"${v.replace(/"/g, '""')}"` : `"${v}"`);

/** One CSV line, written into one string as it goes (no array per row: bulk imports make millions). */
function csvLine(cells: (string | number | null)[]): string {
  let text = cell(cells[0]);
  for (let i = 1; i < cells.length; i++) text += `,${cell(cells[i])}`;
  return `${text}\n`;
}

/** `r` as the writer takes it, stamped with the transaction's time (ObservationWriter.transactionTime). */
export function copyRow(r: NewObservation, transactionTime: string): CopyRow {
  const values = observationValues(r);
  values.push(transactionTime);
  return { id: r.id!, line: csvLine(values), audited: !r.importId };
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;

/**
 * Writes through COPY, inside the transaction `session` holds. COPY cannot skip an id that is taken
 * (idempotency needs ON CONFLICT), so a chunk goes one of two ways:
 * - straight into `observations` (and its audit events into `audit_events`), under a savepoint: the
 *   usual case of new rows, at nearly a raw COPY's speed;
 * - when that meets a taken id (a file sent again, or rows another writer stored meanwhile), back to
 *   the savepoint and through a temporary staging table, moved by one INSERT … SELECT … ON CONFLICT
 *   DO NOTHING whose RETURNING feeds the audit events in the same statement.
 * After the first taken id, each later chunk first asks which of its ids are taken and copies only
 * the others straight in, so a file that overlaps stored rows does not pay for a failed COPY per chunk.
 * Figures in docs/performance.md (bench/bulk-import.ts, bench/insert-forms.ts).
 */
export function copyObservationWriter(session: SqlSession): ObservationWriter {
  let staged = false;
  let checkTakenFirst = false;
  let now: Promise<string> | undefined;

  async function copyStraightIn(rows: CopyRow[], by: { userId: string | null; label: string }): Promise<boolean> {
    const observations = rows.map((r) => r.line).join('');
    const audit = rows.filter((r) => r.audited).map((r) => csvLine([r.id, by.userId, by.label, 'create'])).join('');
    await session.exec('SAVEPOINT copy_straight_in');
    try {
      await session.copyFrom(`COPY observations (${NEW_OBSERVATION_COLUMN_NAMES}, updated_at) FROM STDIN WITH (FORMAT csv)`, observations);
      if (audit) await session.copyFrom('COPY audit_events (observation_id, actor_user_id, actor_label, action) FROM STDIN WITH (FORMAT csv)', audit);
      await session.exec('RELEASE SAVEPOINT copy_straight_in');
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await session.exec('ROLLBACK TO SAVEPOINT copy_straight_in');
      return false;
    }
  }

  async function insertThroughStaging(rows: CopyRow[], by: { userId: string | null; label: string }): Promise<string[]> {
    // Dropped with the transaction that made it; emptied between chunks.
    await session.exec(staged ? 'TRUNCATE observation_staging' : `CREATE TEMP TABLE observation_staging (${NEW_OBSERVATION_COLUMN_DEFS}, updated_at timestamptz) ON COMMIT DROP`);
    staged = true;
    await session.copyFrom(`COPY observation_staging (${NEW_OBSERVATION_COLUMN_NAMES}, updated_at) FROM STDIN WITH (FORMAT csv)`, rows.map((r) => r.line).join(''));
    const created = await session.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO observations (${NEW_OBSERVATION_COLUMN_NAMES}, updated_at)
         SELECT ${NEW_OBSERVATION_COLUMN_NAMES}, updated_at FROM observation_staging
         ON CONFLICT (id) DO NOTHING RETURNING id, import_id),
       audited AS (
         INSERT INTO audit_events (observation_id, actor_user_id, actor_label, action)
         SELECT id, $1::uuid, $2, 'create' FROM inserted WHERE import_id IS NULL)
       SELECT id::text AS id FROM inserted`,
      [by.userId, by.label],
    );
    return created.map((r) => r.id);
  }

  return {
    transactionTime: () => (now ??= session.query<{ now: Date }>('SELECT now() AS now').then((r) => r[0].now.toISOString())),
    async insertIfAbsent(rows, by) {
      if (rows.length === 0) return [];
      let fresh = rows;
      if (checkTakenFirst) {
        const taken = new Set((await session.query<{ id: string }>('SELECT id::text AS id FROM observations WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)])).map((r) => r.id));
        fresh = rows.filter((r) => !taken.has(r.id));
        if (fresh.length === 0) return [];
      }
      if (await copyStraightIn(fresh, by)) return fresh.map((r) => r.id);
      checkTakenFirst = true;
      return insertThroughStaging(fresh, by);
    },
    contentHashes: (ids) =>
      session.query<{ id: string; contentHash: string }>('SELECT id::text AS id, content_hash AS "contentHash" FROM observations WHERE id = ANY($1::uuid[])', [ids]),
  };
}
