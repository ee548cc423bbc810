CREATE TABLE "community_drafts" (
	"user_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_drafts_user_id_topic_id_pk" PRIMARY KEY("user_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "community_follows" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"space_id" text,
	"topic_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_follows_one_target" CHECK (("community_follows"."space_id" is null) <> ("community_follows"."topic_id" is null))
);
--> statement-breakpoint
CREATE TABLE "community_topic_tags" (
	"topic_id" text NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "community_topic_tags_topic_id_tag_pk" PRIMARY KEY("topic_id","tag")
);
--> statement-breakpoint
ALTER TABLE "community_drafts" ADD CONSTRAINT "community_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_drafts" ADD CONSTRAINT "community_drafts_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_follows" ADD CONSTRAINT "community_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_follows" ADD CONSTRAINT "community_follows_space_id_community_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_follows" ADD CONSTRAINT "community_follows_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_topic_tags" ADD CONSTRAINT "community_topic_tags_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_follows_space_key" ON "community_follows" USING btree ("user_id","space_id") WHERE "community_follows"."space_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "community_follows_topic_key" ON "community_follows" USING btree ("user_id","topic_id") WHERE "community_follows"."topic_id" is not null;--> statement-breakpoint
CREATE INDEX "community_follows_space_idx" ON "community_follows" USING btree ("space_id");--> statement-breakpoint
CREATE INDEX "community_follows_topic_idx" ON "community_follows" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "community_topic_tags_tag_idx" ON "community_topic_tags" USING btree ("tag","topic_id");