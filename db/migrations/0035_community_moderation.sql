CREATE TABLE "community_moderation" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_reactions" (
	"post_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reaction" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_reactions_post_id_user_id_reaction_pk" PRIMARY KEY("post_id","user_id","reaction")
);
--> statement-breakpoint
CREATE TABLE "community_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"reporter_user_id" text,
	"reporter_org_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_request_conversions" (
	"id" text PRIMARY KEY NOT NULL,
	"topic_id" text NOT NULL,
	"reply_id" text,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"edited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "community_replies" ADD COLUMN "state" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "community_topics" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "community_topics" ADD COLUMN "request" jsonb;--> statement-breakpoint
ALTER TABLE "community_topics" ADD COLUMN "state" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "community_topics" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "community_moderation" ADD CONSTRAINT "community_moderation_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_moderation" ADD CONSTRAINT "community_moderation_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reactions" ADD CONSTRAINT "community_reactions_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reactions" ADD CONSTRAINT "community_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_reporter_org_id_organizations_id_fk" FOREIGN KEY ("reporter_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_reports" ADD CONSTRAINT "community_reports_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_request_conversions" ADD CONSTRAINT "community_request_conversions_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_request_conversions" ADD CONSTRAINT "community_request_conversions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_revisions" ADD CONSTRAINT "community_revisions_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_revisions" ADD CONSTRAINT "community_revisions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_moderation_post_idx" ON "community_moderation" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "community_reactions_topic_idx" ON "community_reactions" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "community_reactions_created_idx" ON "community_reactions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "community_reports_status_idx" ON "community_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "community_reports_once_key" ON "community_reports" USING btree ("post_id","reporter_user_id") WHERE "community_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "community_request_conversions_topic_idx" ON "community_request_conversions" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "community_request_conversions_target_key" ON "community_request_conversions" USING btree ("kind","target_id");--> statement-breakpoint
CREATE INDEX "community_revisions_post_idx" ON "community_revisions" USING btree ("post_id","created_at");--> statement-breakpoint
ALTER TABLE "community_topics" ADD CONSTRAINT "community_topics_request_details" CHECK (("community_topics"."kind" = 'request') = ("community_topics"."request" is not null));