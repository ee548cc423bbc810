CREATE INDEX "community_replies_author_idx" ON "community_replies" USING btree ("author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_replies_author_org_idx" ON "community_replies" USING btree ("author_org_id");--> statement-breakpoint
CREATE INDEX "community_topics_author_idx" ON "community_topics" USING btree ("author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_topics_author_org_idx" ON "community_topics" USING btree ("author_org_id");