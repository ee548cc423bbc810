CREATE TABLE "analytics_data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "analytics_data_version" ("id", "version") VALUES (1, 1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Bumped before each writing statement on the tables the analytics figures read (BEFORE: the row
-- lock on the counter is taken ahead of any row lock the statement or its other triggers take).
-- The new value becomes visible exactly when the write commits.
CREATE OR REPLACE FUNCTION analytics_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE analytics_data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_organizations BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_opportunities BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunities
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_referrals BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON referrals
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_participants BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunity_participants
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
