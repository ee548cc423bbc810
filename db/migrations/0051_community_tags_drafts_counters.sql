CREATE TABLE "community_space_topic_counts" (
	"space_id" text NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"answered" boolean NOT NULL,
	"topics" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "community_space_topic_counts_space_id_state_kind_answered_pk" PRIMARY KEY("space_id","state","kind","answered")
);
--> statement-breakpoint
CREATE TABLE "community_topic_drafts" (
	"user_id" text NOT NULL,
	"space_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_topic_drafts_user_id_space_id_pk" PRIMARY KEY("user_id","space_id")
);
--> statement-breakpoint
DROP INDEX "community_topics_space_activity_idx";--> statement-breakpoint
ALTER TABLE "community_search_documents" ADD COLUMN "tag_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "community_search_documents" SET "tag_text" = array_to_string("tags", ' ');--> statement-breakpoint
ALTER TABLE "community_search_documents" drop column "tsv";--> statement-breakpoint
ALTER TABLE "community_search_documents" ADD COLUMN "tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', tag_text), 'B') || setweight(to_tsvector('simple', left(body, 20000)), 'C')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_search_documents_tsv_idx" ON "community_search_documents" USING gin ("tsv");--> statement-breakpoint
ALTER TABLE "community_space_topic_counts" ADD CONSTRAINT "community_space_topic_counts_space_id_community_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_topic_drafts" ADD CONSTRAINT "community_topic_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_topic_drafts" ADD CONSTRAINT "community_topic_drafts_space_id_community_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."community_spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_topics_held_idx" ON "community_topics" USING btree ("space_id","author_user_id") WHERE "community_topics"."state" = 'held';--> statement-breakpoint
CREATE INDEX "community_topics_space_activity_idx" ON "community_topics" USING btree ("space_id","pinned","last_activity_at","id");--> statement-breakpoint
CREATE OR REPLACE FUNCTION community_space_topic_counts_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE community_space_topic_counts SET topics = topics - 1
      WHERE space_id = OLD.space_id AND state = OLD.state AND kind = OLD.kind AND answered = (OLD.accepted_reply_id IS NOT NULL);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO community_space_topic_counts (space_id, state, kind, answered, topics)
      VALUES (NEW.space_id, NEW.state, NEW.kind, NEW.accepted_reply_id IS NOT NULL, 1)
      ON CONFLICT (space_id, state, kind, answered) DO UPDATE SET topics = community_space_topic_counts.topics + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION community_space_topic_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO community_space_topic_counts (space_id, state, kind, answered, topics)
    SELECT space_id, state, kind, accepted_reply_id IS NOT NULL, count(*)::int FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (space_id, state, kind, answered) DO UPDATE SET topics = community_space_topic_counts.topics + excluded.topics;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION community_space_topic_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE community_space_topic_counts c SET topics = c.topics - o.n
    FROM (SELECT space_id, state, kind, accepted_reply_id IS NOT NULL AS answered, count(*)::int AS n FROM old_rows GROUP BY 1, 2, 3, 4) o
    WHERE c.space_id = o.space_id AND c.state = o.state AND c.kind = o.kind AND c.answered = o.answered;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER community_topics_counts_insert AFTER INSERT ON community_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_space_topic_counts_inserted();--> statement-breakpoint
CREATE TRIGGER community_topics_counts_delete AFTER DELETE ON community_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION community_space_topic_counts_deleted();--> statement-breakpoint
CREATE TRIGGER community_topics_counts_update AFTER UPDATE OF space_id, state, kind, accepted_reply_id ON community_topics
  FOR EACH ROW WHEN (OLD.space_id IS DISTINCT FROM NEW.space_id OR OLD.state IS DISTINCT FROM NEW.state OR OLD.kind IS DISTINCT FROM NEW.kind
    OR (OLD.accepted_reply_id IS NULL) <> (NEW.accepted_reply_id IS NULL))
  EXECUTE FUNCTION community_space_topic_counts_upkeep();--> statement-breakpoint
INSERT INTO community_space_topic_counts (space_id, state, kind, answered, topics)
  SELECT space_id, state, kind, accepted_reply_id IS NOT NULL, count(*)::int FROM community_topics GROUP BY 1, 2, 3, 4;
