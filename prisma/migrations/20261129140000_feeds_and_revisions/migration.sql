-- Observations: the publisher's own name for what was counted (BTS "Truck Containers Loaded"),
-- where it is finer than metric + vehicle class; null for our own observations.
ALTER TABLE "observations" ADD COLUMN "measure" TEXT;

-- Trade figures: a source that revises a figure gets a new revision; the older one is kept,
-- marked superseded, never overwritten.
ALTER TABLE "trade_figures" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "trade_figures" ADD COLUMN "superseded_at" TIMESTAMPTZ(3);
ALTER TABLE "trade_figures" ADD CONSTRAINT "trade_figures_revision_check" CHECK ("revision" >= 1);
DROP INDEX "trade_figures_period_flow_source_key";
CREATE UNIQUE INDEX "trade_figures_period_flow_source_revision_key" ON "trade_figures"("period_kind", "period", "reporter", "partner", "flow", "source", "revision");
-- At most one current figure per period, flow and source.
CREATE UNIQUE INDEX "trade_figures_current_key" ON "trade_figures"("period_kind", "period", "reporter", "partner", "flow", "source") WHERE "superseded_at" IS NULL;

-- The CBP wait-time poller: what each feed last gave, so a repeated snapshot stores nothing.
CREATE TABLE "feed_snapshots" (
    "feed" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "observations_created" INTEGER NOT NULL,
    CONSTRAINT "feed_snapshots_pkey" PRIMARY KEY ("feed", "sha256")
);
