CREATE TABLE "community_digest_sends" (
	"user_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_digest_sends_user_id_period_start_pk" PRIMARY KEY("user_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "community_search_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"doc_type" text NOT NULL,
	"topic_id" text NOT NULL,
	"space_id" text NOT NULL,
	"space_name" text NOT NULL,
	"space_slug" text NOT NULL,
	"topic_kind" text NOT NULL,
	"answered" boolean NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience" text[] NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_name" text NOT NULL,
	"url" text NOT NULL,
	"boost" real DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', left(body, 20000)), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_topic_reads" (
	"user_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"read_count" integer DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_topic_reads_user_id_topic_id_pk" PRIMARY KEY("user_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "community_digest_sends" ADD CONSTRAINT "community_digest_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_topic_reads" ADD CONSTRAINT "community_topic_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_topic_reads" ADD CONSTRAINT "community_topic_reads_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_search_documents_tsv_idx" ON "community_search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "community_search_documents_audience_idx" ON "community_search_documents" USING gin ("audience");