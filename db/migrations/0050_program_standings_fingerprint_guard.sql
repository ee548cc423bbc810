-- program_standings.fingerprint is the hash of what the last evaluation wrote; the next evaluation
-- rewrites only the standings whose hash differs. Any other write that changes what the hash
-- covers (a tier decision, a tier removed and its references set null, a manual edit) without
-- setting a new fingerprint clears it, so that standing is rewritten by the next evaluation.
CREATE OR REPLACE FUNCTION program_standings_fingerprint_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.fingerprint IS NOT NULL AND NEW.fingerprint IS NOT DISTINCT FROM OLD.fingerprint
    AND (NEW.track_id, NEW.current_tier_id, NEW.measurements, NEW.qualified_tier_id, NEW.proposal_status, NEW.proposed_tier_id, NEW.proposed_at, NEW.grace_until)
      IS DISTINCT FROM (OLD.track_id, OLD.current_tier_id, OLD.measurements, OLD.qualified_tier_id, OLD.proposal_status, OLD.proposed_tier_id, OLD.proposed_at, OLD.grace_until) THEN
    NEW.fingerprint := NULL;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER program_standings_fingerprint BEFORE UPDATE ON program_standings FOR EACH ROW EXECUTE FUNCTION program_standings_fingerprint_guard();
