-- A bulk import writes thousands of chunks in one transaction. Adding each chunk to its buckets
-- updates the same bucket rows again and again, and every update leaves a row version that the
-- transaction itself must step over at the next one: chunk after chunk got slower (35 ms per
-- 1,000 rows at the start, 74 ms after 400 chunks). A transaction that sets
-- landport.defer_rollups to 'on' collects its inserts' bucket amounts in a temporary table
-- instead (plain inserts, no updates) and adds them to the buckets once, with
-- monthly_rollups_flush_deferred(), before it commits.
CREATE OR REPLACE FUNCTION monthly_rollups_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('landport.defer_rollups', true) = 'on' THEN
    IF to_regclass('pg_temp.deferred_rollups') IS NULL THEN
      CREATE TEMP TABLE deferred_rollups (LIKE monthly_rollups) ON COMMIT DROP;
    END IF;
    INSERT INTO deferred_rollups
    SELECT metric, crossing_id, (date_trunc('month', coalesce(period_start, observed_at) AT TIME ZONE 'UTC'))::date,
           vehicle_class, coalesce(direction_from::text, ''), coalesce(direction_to::text, ''), method, status, coalesce(measure, ''),
           count(*), sum(value), max(value), max(observed_at)
      FROM new_rows
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    RETURN NULL;
  END IF;
  INSERT INTO monthly_rollups AS r
  SELECT metric, crossing_id, (date_trunc('month', coalesce(period_start, observed_at) AT TIME ZONE 'UTC'))::date,
         vehicle_class, coalesce(direction_from::text, ''), coalesce(direction_to::text, ''), method, status, coalesce(measure, ''),
         count(*), sum(value), max(value), max(observed_at)
    FROM new_rows
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("metric", "crossing_id", "month", "vehicle_class", "direction_from", "direction_to", "method", "status", "measure")
  DO UPDATE SET n = r.n + EXCLUDED.n, sum = r.sum + EXCLUDED.sum, max = greatest(r.max, EXCLUDED.max),
                last_observed_at = greatest(r.last_observed_at, EXCLUDED.last_observed_at);
  RETURN NULL;
END $$;

-- Adds what the transaction deferred to the buckets, each bucket once, and stops deferring.
CREATE FUNCTION monthly_rollups_flush_deferred() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('landport.defer_rollups', 'off', true);
  IF to_regclass('pg_temp.deferred_rollups') IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO monthly_rollups AS r
  SELECT metric, crossing_id, month, vehicle_class, direction_from, direction_to, method, status, measure,
         sum(n), sum(sum), max(max), max(last_observed_at)
    FROM pg_temp.deferred_rollups
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("metric", "crossing_id", "month", "vehicle_class", "direction_from", "direction_to", "method", "status", "measure")
  DO UPDATE SET n = r.n + EXCLUDED.n, sum = r.sum + EXCLUDED.sum, max = greatest(r.max, EXCLUDED.max),
                last_observed_at = greatest(r.last_observed_at, EXCLUDED.last_observed_at);
  DROP TABLE pg_temp.deferred_rollups;
END $$;

-- An update or delete in a transaction that deferred would take rows out of buckets they were
-- never added to: whatever was deferred goes in first.
CREATE FUNCTION monthly_rollups_flush_before_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM monthly_rollups_flush_deferred();
  RETURN NULL;
END $$;
CREATE TRIGGER monthly_rollups_flush_before_update BEFORE UPDATE ON observations
  FOR EACH STATEMENT EXECUTE FUNCTION monthly_rollups_flush_before_change();
CREATE TRIGGER monthly_rollups_flush_before_delete BEFORE DELETE ON observations
  FOR EACH STATEMENT EXECUTE FUNCTION monthly_rollups_flush_before_change();
