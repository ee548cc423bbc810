-- The community figures are part of the analytics summary, kept per data version: writes to the
-- tables they read bump the version too (the same statement-level trigger as 0025).
CREATE TRIGGER analytics_data_version_community_topics BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_topics
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_community_replies BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_replies
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_community_reactions BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_reactions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_community_moderation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_moderation
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER analytics_data_version_community_request_conversions BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_request_conversions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_data_version();
