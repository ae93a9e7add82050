-- Publishing embeds (docs/embeds.md): a saved view gets a description, the time it was last edited, and an
-- unpublished state. Unpublishing keeps the row, so that its embed answers 410 Gone rather than 404.
ALTER TABLE "saved_views" ADD COLUMN "description" TEXT;
ALTER TABLE "saved_views" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "saved_views" ADD COLUMN "unpublished_at" TIMESTAMPTZ(3);
-- A view saved before this migration was last changed when it was saved.
UPDATE "saved_views" SET "updated_at" = "created_at";
-- The same limits as the contract (server/contracts/views.ts), so no other writer can store more.
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_description_check" CHECK ("description" IS NULL OR char_length("description") <= 1000);
