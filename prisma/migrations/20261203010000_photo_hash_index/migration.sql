-- The review queue finds submissions with the same photo by its hash: without this index every queue read
-- scanned the photos table.
CREATE INDEX "photos_sha256_idx" ON "photos"("sha256");
