// A bulk import adds its rows to the monthly buckets once, at its end, instead of chunk by chunk
// (prisma/migrations/20261201000000_deferred_rollups: why, and the triggers that make it safe).

/** For the rest of the transaction, inserts collect their bucket amounts instead of updating buckets. */
export const DEFER_ROLLUPS_SQL = "SELECT set_config('landport.defer_rollups', 'on', true)";

/** Adds what the transaction collected to the buckets; run before it commits. */
export const FLUSH_DEFERRED_ROLLUPS_SQL = 'SELECT monthly_rollups_flush_deferred()';
