-- CreateEnum
CREATE TYPE "CrossingKind" AS ENUM ('road', 'rail', 'road_rail', 'ferry', 'pedestrian', 'unknown');

-- CreateEnum
CREATE TYPE "CrossingStatus" AS ENUM ('open', 'restricted', 'closed', 'not_in_service', 'unknown');

-- CreateEnum
CREATE TYPE "Metric" AS ENUM ('queue_vehicles', 'queue_length_m', 'crossed_vehicles', 'wait_minutes');

-- CreateEnum
CREATE TYPE "VehicleClass" AS ENUM ('truck', 'bus', 'car', 'rail_wagon', 'pedestrian', 'other');

-- CreateEnum
CREATE TYPE "ObservationMethod" AS ENUM ('field', 'satellite', 'camera', 'sensor', 'feed', 'customs', 'news', 'synthetic');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "TradeFlow" AS ENUM ('export', 'import', 'total');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('month', 'year');

-- CreateTable
CREATE TABLE "crossings" (
    "id" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_zh" TEXT,
    "name_ko" TEXT,
    "country_a" CHAR(2) NOT NULL,
    "country_b" CHAR(2) NOT NULL,
    "kind" "CrossingKind" NOT NULL,
    "kind_note" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "queue_zone" JSONB,
    "status" "CrossingStatus" NOT NULL DEFAULT 'unknown',
    "sources" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crossings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "observations" (
    "id" UUID NOT NULL,
    "crossing_id" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "metric" "Metric" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "vehicle_class" "VehicleClass" NOT NULL,
    "direction_from" CHAR(2),
    "direction_to" CHAR(2),
    "method" "ObservationMethod" NOT NULL,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "retrieved_at" TIMESTAMPTZ(3),
    "observer_lat" DOUBLE PRECISION,
    "observer_lon" DOUBLE PRECISION,
    "observer_accuracy_m" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "notes" TEXT,
    "status" "ReviewStatus" NOT NULL DEFAULT 'pending',
    "submitted_by" TEXT NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "observations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trade_figures" (
    "id" SERIAL NOT NULL,
    "period_kind" "PeriodKind" NOT NULL,
    "period" TEXT NOT NULL,
    "reporter" CHAR(2) NOT NULL,
    "partner" CHAR(2) NOT NULL,
    "flow" "TradeFlow" NOT NULL,
    "value_usd" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,
    "retrieved_at" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trade_figures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "observations_crossing_id_metric_observed_at_idx" ON "observations"("crossing_id", "metric", "observed_at");

-- CreateIndex
CREATE INDEX "observations_observed_at_id_idx" ON "observations"("observed_at", "id");

-- CreateIndex
CREATE INDEX "observations_status_idx" ON "observations"("status");

-- CreateIndex
CREATE INDEX "trade_figures_reporter_partner_period_kind_period_idx" ON "trade_figures"("reporter", "partner", "period_kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "trade_figures_period_flow_source_key" ON "trade_figures"("period_kind", "period", "reporter", "partner", "flow", "source");

-- AddForeignKey
ALTER TABLE "observations" ADD CONSTRAINT "observations_crossing_id_fkey" FOREIGN KEY ("crossing_id") REFERENCES "crossings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks Prisma cannot express: the database refuses what the API would refuse, whoever writes.
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_location_check" CHECK (
    ("lat" IS NULL) = ("lon" IS NULL)
    AND ("lat" IS NULL OR "lat" BETWEEN -90 AND 90)
    AND ("lon" IS NULL OR "lon" BETWEEN -180 AND 180)
);
ALTER TABLE "crossings" ADD CONSTRAINT "crossings_countries_check" CHECK (
    "country_a" ~ '^[A-Z]{2}$' AND "country_b" ~ '^[A-Z]{2}$' AND "country_a" <> "country_b"
);
-- In PostgreSQL NaN sorts above Infinity, so "< Infinity" also refuses NaN.
ALTER TABLE "observations" ADD CONSTRAINT "observations_value_check" CHECK (
    "value" >= 0 AND "value" < 'Infinity'::double precision
);
ALTER TABLE "observations" ADD CONSTRAINT "observations_period_check" CHECK (
    ("period_start" IS NULL) = ("period_end" IS NULL)
    AND ("period_end" IS NULL OR "period_end" > "period_start")
);
ALTER TABLE "observations" ADD CONSTRAINT "observations_direction_check" CHECK (
    ("direction_from" IS NULL) = ("direction_to" IS NULL)
    AND ("direction_from" IS NULL OR "direction_from" <> "direction_to")
);
ALTER TABLE "observations" ADD CONSTRAINT "observations_observer_check" CHECK (
    ("observer_lat" IS NULL) = ("observer_lon" IS NULL)
    AND ("observer_lat" IS NULL OR "observer_lat" BETWEEN -90 AND 90)
    AND ("observer_lon" IS NULL OR "observer_lon" BETWEEN -180 AND 180)
    AND ("observer_accuracy_m" IS NULL OR "observer_accuracy_m" >= 0)
    AND ("confidence" IS NULL OR "confidence" BETWEEN 0 AND 1)
);
ALTER TABLE "trade_figures" ADD CONSTRAINT "trade_figures_value_check" CHECK ("value_usd" >= 0);
ALTER TABLE "trade_figures" ADD CONSTRAINT "trade_figures_period_check" CHECK (
    ("period_kind" = 'month' AND "period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
    OR ("period_kind" = 'year' AND "period" ~ '^[0-9]{4}$')
);
