-- Partnership health is kept per data version (app/features/partnerships/portfolio.server.ts): the
-- analytics version (row 1, migration 0025) covers the organizations, opportunities, referrals and
-- co-sell rows it reads; row 2 is bumped by every write to the partnership tables it reads, in the
-- writing transaction, so the pair changes exactly when the figures' inputs do.
INSERT INTO "analytics_data_version" ("id", "version") VALUES (2, 1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION partnership_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE analytics_data_version SET version = version + 1 WHERE id = 2;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER partnership_data_version_partnerships BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnerships
  FOR EACH STATEMENT EXECUTE FUNCTION partnership_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER partnership_data_version_plans BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnership_plans
  FOR EACH STATEMENT EXECUTE FUNCTION partnership_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER partnership_data_version_commitments BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnership_commitments
  FOR EACH STATEMENT EXECUTE FUNCTION partnership_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER partnership_data_version_reviews BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnership_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION partnership_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER partnership_data_version_review_attendees BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnership_review_attendees
  FOR EACH STATEMENT EXECUTE FUNCTION partnership_bump_data_version();
