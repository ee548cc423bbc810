CREATE TABLE "community_suspensions" (
	"id" text PRIMARY KEY NOT NULL,
	"space_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_suspensions_period" CHECK ("community_suspensions"."ends_at" > "community_suspensions"."created_at")
);
--> statement-breakpoint
ALTER TABLE "community_spaces" ADD COLUMN "partner_types" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "community_spaces" ADD COLUMN "tiers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "community_spaces" ADD COLUMN "regions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "community_suspensions" ADD CONSTRAINT "community_suspensions_space_id_community_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_suspensions" ADD CONSTRAINT "community_suspensions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_suspensions" ADD CONSTRAINT "community_suspensions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_suspensions_user_idx" ON "community_suspensions" USING btree ("user_id","space_id","ends_at");--> statement-breakpoint
CREATE INDEX "community_replies_author_idx" ON "community_replies" USING btree ("author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_replies_author_org_idx" ON "community_replies" USING btree ("author_org_id");--> statement-breakpoint
CREATE INDEX "community_topics_author_idx" ON "community_topics" USING btree ("author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_topics_author_org_idx" ON "community_topics" USING btree ("author_org_id");--> statement-breakpoint
ALTER TABLE "community_spaces" ADD CONSTRAINT "community_spaces_segment_lists" CHECK (("community_spaces"."visibility" = 'segment') = (cardinality("community_spaces"."partner_types") + cardinality("community_spaces"."tiers") + cardinality("community_spaces"."regions") > 0));