-- Marketplace-sourced leads and their pipeline are part of the analytics summary, kept per data
-- version: writes to the tables they read bump the version too (the same statement-level trigger
-- as 0025 and 0036). Referrals and opportunities are covered by 0025; listing view counters are
-- not read by the summary and do not bump it (a page view must not empty the cache).
CREATE TRIGGER analytics_data_version_leads BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_deal_registrations BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON deal_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
