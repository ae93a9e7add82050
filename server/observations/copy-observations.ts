import type { SqlSession } from '../db/database.js';
import {
  NEW_OBSERVATION_COLUMN_DEFS, NEW_OBSERVATION_COLUMN_NAMES, observationValues, type NewObservation,
} from './observations.repo.js';

/** Where a bulk path's rows go and how their stored content is read back (storeObservations' `writer`). */
export interface ObservationWriter {
  /**
   * Inserts the rows whose id is not taken, each with its `create` audit event unless it came with an import
   * (see insertObservationsIfAbsent); the ids this call created.
   */
  insertIfAbsent(rows: NewObservation[], by: { userId: string | null; label: string }): Promise<string[]>;
  contentHashes(ids: string[]): Promise<{ id: string; contentHash: string }[]>;
}

/** One CSV cell as COPY reads it: an unquoted empty cell is NULL, so every text is quoted (an empty one too). */
const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : v.includes('"') ? `"${v.replace(/"/g, '""')}"` : `"${v}"`);

/** COPY's input for `rows`, written into one string as it goes (no array per row: bulk imports make millions). */
function csvLines(rows: (string | number | null)[][]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += i === 0 ? cell(row[i]) : `,${cell(row[i])}`;
    text += '\n';
  }
  return text;
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
  // The transaction's time, as INSERT's now() would give it: the rows' updated_at.
  let transactionTime: string | undefined;

  async function copyStraightIn(rows: NewObservation[], by: { userId: string | null; label: string }): Promise<boolean> {
    transactionTime ??= (await session.query<{ now: Date }>('SELECT now() AS now'))[0].now.toISOString();
    const observations = csvLines(rows.map((r) => [...observationValues(r), transactionTime!]));
    const audit = csvLines(rows.filter((r) => !r.importId).map((r) => [r.id!, by.userId, by.label, 'create']));
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

  async function insertThroughStaging(rows: NewObservation[], by: { userId: string | null; label: string }): Promise<string[]> {
    // Dropped with the transaction that made it; emptied between chunks.
    await session.exec(staged ? 'TRUNCATE observation_staging' : `CREATE TEMP TABLE observation_staging (${NEW_OBSERVATION_COLUMN_DEFS}) ON COMMIT DROP`);
    staged = true;
    await session.copyFrom(`COPY observation_staging (${NEW_OBSERVATION_COLUMN_NAMES}) FROM STDIN WITH (FORMAT csv)`, csvLines(rows.map(observationValues)));
    const created = await session.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO observations (${NEW_OBSERVATION_COLUMN_NAMES}, updated_at)
         SELECT ${NEW_OBSERVATION_COLUMN_NAMES}, now() FROM observation_staging
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
    async insertIfAbsent(rows, by) {
      if (rows.length === 0) return [];
      let fresh = rows;
      if (checkTakenFirst) {
        const taken = new Set((await session.query<{ id: string }>('SELECT id::text AS id FROM observations WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)])).map((r) => r.id));
        fresh = rows.filter((r) => !taken.has(r.id!));
        if (fresh.length === 0) return [];
      }
      if (await copyStraightIn(fresh, by)) return fresh.map((r) => r.id!);
      checkTakenFirst = true;
      return insertThroughStaging(fresh, by);
    },
    contentHashes: (ids) =>
      session.query<{ id: string; contentHash: string }>('SELECT id::text AS id, content_hash AS "contentHash" FROM observations WHERE id = ANY($1::uuid[])', [ids]),
  };
}
