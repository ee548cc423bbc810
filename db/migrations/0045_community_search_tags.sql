ALTER TABLE "community_search_documents" ADD COLUMN "tag_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "community_search_documents" SET "tag_text" = array_to_string("tags", ' ');--> statement-breakpoint
ALTER TABLE "community_search_documents" drop column "tsv";--> statement-breakpoint
ALTER TABLE "community_search_documents" ADD COLUMN "tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', tag_text), 'B') || setweight(to_tsvector('simple', left(body, 20000)), 'C')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_search_documents_tsv_idx" ON "community_search_documents" USING gin ("tsv");
