-- Rate-limit counters shared by every app server (express-rate-limit's store): with N servers behind a load
-- balancer, a per-process counter would let N times the limit through. Keys are SHA-256 hashes, never the
-- address or email they count.
CREATE TABLE "rate_limit_hits" (
    "key" CHAR(64) NOT NULL,
    "hits" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "rate_limit_hits_reset_at_idx" ON "rate_limit_hits"("reset_at");
