/**
 * What a backup holds, table by table, in an order that satisfies every foreign key on restore. Left out, on
 * purpose: `monthly_rollups` (the observations' triggers rebuild it on restore, and the test compares the two),
 * `sessions` and `rate_limit_hits` (short-lived), `_prisma_migrations` (the target is migrated by its own code).
 */
export type BackupTable = {
  name: string;
  /** Columns that order the rows, so the same data always makes the same file (and checksum). */
  orderBy: string;
  /** Credentials: written only when asked for (`--with-secrets`); otherwise set to null, or the table is left out. */
  secret?: { column: string } | 'whole table';
};

export const BACKUP_TABLES: BackupTable[] = [
  { name: 'users', orderBy: 'id', secret: { column: 'password_hash' } },
  { name: 'crossings', orderBy: 'id' },
  { name: 'crossing_aliases', orderBy: 'alias_key' },
  { name: 'imports', orderBy: 'id' },
  { name: 'observations', orderBy: 'id' },
  { name: 'photos', orderBy: 'id' },
  { name: 'audit_events', orderBy: 'id' },
  { name: 'trade_figures', orderBy: 'id' },
  { name: 'api_tokens', orderBy: 'id', secret: 'whole table' },
  { name: 'saved_views', orderBy: 'id' },
  { name: 'feed_snapshots', orderBy: 'feed, sha256' },
];

/** Tables whose ids come from a sequence: after a restore the sequence must continue past the restored ids. */
export const SEQUENCED_TABLES = ['audit_events', 'trade_figures'];

export type BackupManifest = {
  format: 'landport-backup';
  version: 1;
  createdAt: string;
  appVersion: string;
  /** Migrations the data was written under; a restore needs a landport that knows all of them. */
  migrations: string[];
  withSecrets: boolean;
  tables: Record<string, { rows: number; sha256: string }>;
  photos: { count: number; sha256: string };
};
