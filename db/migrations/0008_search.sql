CREATE TABLE "search_documents" (
	"generation" integer NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"org_id" text NOT NULL,
	"org_name" text NOT NULL,
	"type" text,
	"tier" text,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"url" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"sort_name" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', keywords || ' ' || org_name), 'B') || setweight(to_tsvector('english', summary), 'C') || setweight(to_tsvector('english', left(body, 20000)), 'D')) STORED NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_documents_pkey" PRIMARY KEY("generation","id")
);
--> statement-breakpoint
CREATE TABLE "search_index_state" (
	"name" text PRIMARY KEY NOT NULL,
	"active_generation" integer DEFAULT 1 NOT NULL,
	"building_generation" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_kind_idx" ON "search_documents" USING btree ("generation","kind");--> statement-breakpoint
CREATE INDEX "search_documents_newest_idx" ON "search_documents" USING btree ("generation","published_at");--> statement-breakpoint
CREATE INDEX "search_documents_name_idx" ON "search_documents" USING btree ("generation","sort_name");--> statement-breakpoint
CREATE INDEX "search_documents_regions_idx" ON "search_documents" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "search_documents_industries_idx" ON "search_documents" USING gin ("industries");--> statement-breakpoint
CREATE INDEX "search_documents_categories_idx" ON "search_documents" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);