ALTER TABLE "search_documents" drop column "tsv";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', keywords || ' ' || org_name), 'B') || setweight(to_tsvector('simple', summary), 'C') || setweight(to_tsvector('simple', left(body, 20000)), 'D')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");
