-- Issue 18 (the evaluation bench): the measurements move from program_standings to their own table
-- (0052), so stamping an unchanged standing with the evaluation time copies a narrow row. This
-- copies them over before 0054 drops the column, and:
-- * the fingerprint guard (0050) no longer compares measurements (only the evaluation writes them,
--   always with a new fingerprint), and fires only for updates that set a column the fingerprint
--   covers: the stamp (evaluated_at, updated_at) no longer calls it for every row;
-- * the standings leave half of each page free, so the nightly stamp of every unchanged row finds
--   room on its own page (a HOT update: no index entry is added for it).
INSERT INTO program_standing_measurements (org_id, measurements)
SELECT org_id, measurements FROM program_standings
ON CONFLICT (org_id) DO UPDATE SET measurements = excluded.measurements;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_standings_fingerprint_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.fingerprint IS NOT NULL AND NEW.fingerprint IS NOT DISTINCT FROM OLD.fingerprint
    AND (NEW.track_id, NEW.current_tier_id, NEW.qualified_tier_id, NEW.proposal_status, NEW.proposed_tier_id, NEW.proposed_at, NEW.grace_until)
      IS DISTINCT FROM (OLD.track_id, OLD.current_tier_id, OLD.qualified_tier_id, OLD.proposal_status, OLD.proposed_tier_id, OLD.proposed_at, OLD.grace_until) THEN
    NEW.fingerprint := NULL;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER program_standings_fingerprint ON program_standings;
--> statement-breakpoint
CREATE TRIGGER program_standings_fingerprint
  BEFORE UPDATE OF track_id, current_tier_id, qualified_tier_id, proposal_status, proposed_tier_id, proposed_at, grace_until ON program_standings
  FOR EACH ROW EXECUTE FUNCTION program_standings_fingerprint_guard();
--> statement-breakpoint
ALTER TABLE program_standings SET (fillfactor = 50);
