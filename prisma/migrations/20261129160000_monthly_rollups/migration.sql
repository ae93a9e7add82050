-- Monthly rollups kept current by the database itself: every insert, update and delete of
-- observations adjusts the crossing-month buckets it touches, in the same transaction, so
-- the map, series and embeds read thousands of buckets instead of millions of rows.
-- A bucket is one crossing, metric, month (of period_start, else observed_at, in UTC) and
-- combination of the dimensions the API filters on. '' stands for "none" in the key columns.
CREATE TABLE "monthly_rollups" (
    "metric" "Metric" NOT NULL,
    "crossing_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "vehicle_class" "VehicleClass" NOT NULL,
    "direction_from" TEXT NOT NULL,
    "direction_to" TEXT NOT NULL,
    "method" "ObservationMethod" NOT NULL,
    "status" "ReviewStatus" NOT NULL,
    "measure" TEXT NOT NULL,
    "n" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last_observed_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "monthly_rollups_pkey" PRIMARY KEY ("metric", "crossing_id", "month", "vehicle_class", "direction_from", "direction_to", "method", "status", "measure")
);
CREATE INDEX "monthly_rollups_crossing_idx" ON "monthly_rollups"("crossing_id");

-- Recomputing one bucket's max after a removal finds its rows through this index.
CREATE INDEX "observations_bucket_idx" ON "observations"("crossing_id", "metric", (coalesce("period_start", "observed_at")));

CREATE FUNCTION monthly_rollups_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

-- Rows (as JSON, from a transition table) grouped into their buckets: the amounts to take out.
CREATE FUNCTION monthly_rollups_buckets(rows_json jsonb) RETURNS SETOF monthly_rollups LANGUAGE sql STABLE AS $$
  SELECT metric, crossing_id, month, vehicle_class, direction_from, direction_to, method, status, measure,
         count(*), sum(value), max(value), max(observed_at)
    FROM (SELECT x.metric, x.crossing_id, (date_trunc('month', coalesce(x.period_start, x.observed_at) AT TIME ZONE 'UTC'))::date AS month,
                 x.vehicle_class, coalesce(x.direction_from, '') AS direction_from, coalesce(x.direction_to, '') AS direction_to,
                 x.method, x.status, coalesce(x.measure, '') AS measure, x.value, x.observed_at
            FROM jsonb_to_recordset(rows_json) AS x(metric "Metric", crossing_id text, period_start timestamptz, observed_at timestamptz,
                 vehicle_class "VehicleClass", direction_from text, direction_to text, method "ObservationMethod", status "ReviewStatus",
                 measure text, value float8)) g
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;

-- Takes rows out of their buckets: counts and sums by subtraction; a bucket's max (or latest
-- time) only when a removed row held it, recomputed from the rows left; empty buckets go.
CREATE FUNCTION monthly_rollups_remove(gone_rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_array_length(gone_rows) = 0 THEN RETURN; END IF;
  UPDATE monthly_rollups r SET n = r.n - g.n, sum = r.sum - g.sum
    FROM monthly_rollups_buckets(gone_rows) g
   WHERE (r.metric, r.crossing_id, r.month, r.vehicle_class, r.direction_from, r.direction_to, r.method, r.status, r.measure)
       = (g.metric, g.crossing_id, g.month, g.vehicle_class, g.direction_from, g.direction_to, g.method, g.status, g.measure);
  DELETE FROM monthly_rollups r WHERE r.n <= 0 AND (r.metric, r.crossing_id, r.month, r.vehicle_class, r.direction_from, r.direction_to, r.method, r.status, r.measure)
     IN (SELECT g.metric, g.crossing_id, g.month, g.vehicle_class, g.direction_from, g.direction_to, g.method, g.status, g.measure FROM monthly_rollups_buckets(gone_rows) g);
  UPDATE monthly_rollups r
     SET max = b.max, last_observed_at = b.last_observed_at
    FROM monthly_rollups_buckets(gone_rows) g
    CROSS JOIN LATERAL (
      SELECT max(o.value) AS max, max(o.observed_at) AS last_observed_at
        FROM observations o
       WHERE o.crossing_id = g.crossing_id AND o.metric = g.metric
         AND coalesce(o.period_start, o.observed_at) >= (g.month::timestamp AT TIME ZONE 'UTC')
         AND coalesce(o.period_start, o.observed_at) < ((g.month + interval '1 month')::timestamp AT TIME ZONE 'UTC')
         AND o.vehicle_class = g.vehicle_class AND coalesce(o.direction_from::text, '') = g.direction_from
         AND coalesce(o.direction_to::text, '') = g.direction_to AND o.method = g.method AND o.status = g.status
         AND coalesce(o.measure, '') = g.measure) b
   WHERE (r.metric, r.crossing_id, r.month, r.vehicle_class, r.direction_from, r.direction_to, r.method, r.status, r.measure)
       = (g.metric, g.crossing_id, g.month, g.vehicle_class, g.direction_from, g.direction_to, g.method, g.status, g.measure)
     AND (g.max >= r.max OR g.last_observed_at >= r.last_observed_at);
END $$;

CREATE FUNCTION monthly_rollups_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM monthly_rollups_remove((SELECT coalesce(jsonb_agg(to_jsonb(o)), '[]'::jsonb) FROM old_rows o));
  RETURN NULL;
END $$;

-- An update moves a row between buckets only when a key column or the value changed (a
-- review decision changes status); other updates touch no bucket.
CREATE FUNCTION monthly_rollups_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM monthly_rollups_remove((
    SELECT coalesce(jsonb_agg(to_jsonb(o)), '[]'::jsonb)
      FROM old_rows o JOIN new_rows n USING (id)
     WHERE (o.metric, o.crossing_id, o.period_start, o.observed_at, o.vehicle_class, o.direction_from, o.direction_to, o.method, o.status, o.measure, o.value)
           IS DISTINCT FROM
           (n.metric, n.crossing_id, n.period_start, n.observed_at, n.vehicle_class, n.direction_from, n.direction_to, n.method, n.status, n.measure, n.value)));
  INSERT INTO monthly_rollups AS r
  SELECT n.metric, n.crossing_id, (date_trunc('month', coalesce(n.period_start, n.observed_at) AT TIME ZONE 'UTC'))::date,
         n.vehicle_class, coalesce(n.direction_from::text, ''), coalesce(n.direction_to::text, ''), n.method, n.status, coalesce(n.measure, ''),
         count(*), sum(n.value), max(n.value), max(n.observed_at)
    FROM new_rows n JOIN old_rows o USING (id)
   WHERE (o.metric, o.crossing_id, o.period_start, o.observed_at, o.vehicle_class, o.direction_from, o.direction_to, o.method, o.status, o.measure, o.value)
         IS DISTINCT FROM
         (n.metric, n.crossing_id, n.period_start, n.observed_at, n.vehicle_class, n.direction_from, n.direction_to, n.method, n.status, n.measure, n.value)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("metric", "crossing_id", "month", "vehicle_class", "direction_from", "direction_to", "method", "status", "measure")
  DO UPDATE SET n = r.n + EXCLUDED.n, sum = r.sum + EXCLUDED.sum, max = greatest(r.max, EXCLUDED.max),
                last_observed_at = greatest(r.last_observed_at, EXCLUDED.last_observed_at);
  RETURN NULL;
END $$;

CREATE TRIGGER monthly_rollups_insert AFTER INSERT ON observations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION monthly_rollups_after_insert();
CREATE TRIGGER monthly_rollups_update AFTER UPDATE ON observations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION monthly_rollups_after_update();
CREATE TRIGGER monthly_rollups_delete AFTER DELETE ON observations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION monthly_rollups_after_delete();

-- What was there before this migration.
INSERT INTO monthly_rollups
SELECT metric, crossing_id, (date_trunc('month', coalesce(period_start, observed_at) AT TIME ZONE 'UTC'))::date,
       vehicle_class, coalesce(direction_from::text, ''), coalesce(direction_to::text, ''), method, status, coalesce(measure, ''),
       count(*), sum(value), max(value), max(observed_at)
  FROM observations
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
