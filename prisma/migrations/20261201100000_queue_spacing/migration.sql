-- Queue physics (docs/analysis.md): how many metres one queued truck takes per lane, and how many lanes
-- the queue forms, per crossing. Null = the defaults (25 m, 1 lane), from measured queues.
ALTER TABLE "crossings" ADD COLUMN "queue_spacing_m" DOUBLE PRECISION;
ALTER TABLE "crossings" ADD COLUMN "queue_lanes" INTEGER;
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_queue_spacing_m_check" CHECK ("queue_spacing_m" IS NULL OR ("queue_spacing_m" > 0 AND "queue_spacing_m" <= 500));
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_queue_lanes_check" CHECK ("queue_lanes" IS NULL OR ("queue_lanes" >= 1 AND "queue_lanes" <= 50));
