ALTER TABLE "community_topics" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "community_topics" SET "updated_at" = greatest("created_at", "last_activity_at", "edited_at", "accepted_at", "locked_at");--> statement-breakpoint
CREATE INDEX "community_topics_updated_idx" ON "community_topics" USING btree ("updated_at","id");
