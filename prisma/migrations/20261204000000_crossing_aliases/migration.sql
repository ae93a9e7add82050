-- What files call a crossing, as someone confirmed it in an import's dry run: the next import of a file
-- from the same source matches those names without asking again. `alias_key` is the name lower-cased
-- with spacing and punctuation removed (server/imports/crossing-names.ts).
CREATE TABLE "crossing_aliases" (
    "alias_key" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "crossing_id" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "crossing_aliases_pkey" PRIMARY KEY ("alias_key"),
    CONSTRAINT "crossing_aliases_crossing_id_fkey" FOREIGN KEY ("crossing_id") REFERENCES "crossings"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
