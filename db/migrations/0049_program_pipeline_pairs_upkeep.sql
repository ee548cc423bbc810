-- Upkeep of program_pipeline_pairs (db/schema/programs.ts): the program's pipeline family of
-- requirements (docs/metrics.md, "Program requirements") reads these pairs instead of joining the
-- vendor's opportunities to every referral and co-sell participation. Statement triggers recompute
-- the pairs of every opportunity a write can affect, in the writing transaction:
--   opportunities: insert (the sourcing pair), update of the columns a pair copies or depends on;
--     delete and truncate cascade through the foreign key;
--   referrals and co-sell participations: insert, update, delete (the touches; only rows that are
--     or were a touch), truncate (everything is rebuilt);
--   organizations: a change of kind (vendor-owned, partner-sourced, partner touch).
-- A pair is (opportunity of a vendor org, partner org) for the partner org that sourced it
-- (`sourced`), and for every other partner org whose earliest touch is not after the close.
-- Like the partner-touch rollup (migration 0019), a refresh first locks the opportunities in id
-- order, so two transactions touching one opportunity at once recompute one after the other, each
-- from a snapshot that includes what the other committed.
CREATE OR REPLACE FUNCTION program_refresh_pipeline_pairs(opp_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF opp_ids IS NULL OR cardinality(opp_ids) = 0 THEN
    RETURN;
  END IF;
  ids := ARRAY(SELECT DISTINCT u.id FROM unnest(opp_ids) AS u(id) WHERE u.id IS NOT NULL);
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM opportunities WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  DELETE FROM program_pipeline_pairs WHERE opportunity_id = ANY(ids);
  INSERT INTO program_pipeline_pairs (opportunity_id, org_id, sourced, partner_sourced, won, amount, created_at, closed_at)
  WITH o AS (
    SELECT o.id, o.amount, o.stage = 'won' AS won, o.created_at, o.closed_at, sp.id AS sourcer
    FROM opportunities o
    JOIN organizations v ON v.id = o.org_id AND v.kind = 'vendor'
    LEFT JOIN organizations sp ON sp.id = o.sourced_by_org_id AND sp.kind = 'partner'
    WHERE o.id = ANY(ids)
  ),
  touches AS (
    SELECT r.opportunity_id AS opp, x.org, r.created_at AS at
    FROM referrals r CROSS JOIN LATERAL (VALUES (r.from_org_id), (r.to_org_id)) AS x(org)
    WHERE r.opportunity_id = ANY(ids) AND r.status IN ('accepted', 'in_progress', 'won', 'lost')
    UNION ALL
    SELECT c.opportunity_id, c.org_id, coalesce(c.joined_at, 'infinity'::timestamptz)
    FROM opportunity_participants c
    WHERE c.opportunity_id = ANY(ids) AND c.status = 'accepted'
  ),
  earliest AS (SELECT t.opp, t.org, min(t.at) AS at FROM touches t GROUP BY t.opp, t.org)
  SELECT o.id, o.sourcer, true, true, o.won, o.amount, o.created_at, o.closed_at FROM o WHERE o.sourcer IS NOT NULL
  UNION ALL
  SELECT o.id, e.org, false, o.sourcer IS NOT NULL, o.won, o.amount, o.created_at, o.closed_at
  FROM earliest e
  JOIN o ON o.id = e.opp
  JOIN organizations g ON g.id = e.org AND g.kind = 'partner'
  WHERE e.org IS DISTINCT FROM o.sourcer AND (o.closed_at IS NULL OR e.at <= o.closed_at);
END
$$;
--> statement-breakpoint
-- Every pair from scratch: after a truncate of the touches, and to fill the table once.
CREATE OR REPLACE FUNCTION program_rebuild_pipeline_pairs() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE program_pipeline_pairs IN EXCLUSIVE MODE;
  DELETE FROM program_pipeline_pairs;
  INSERT INTO program_pipeline_pairs (opportunity_id, org_id, sourced, partner_sourced, won, amount, created_at, closed_at)
  WITH o AS (
    SELECT o.id, o.amount, o.stage = 'won' AS won, o.created_at, o.closed_at, sp.id AS sourcer
    FROM opportunities o
    JOIN organizations v ON v.id = o.org_id AND v.kind = 'vendor'
    LEFT JOIN organizations sp ON sp.id = o.sourced_by_org_id AND sp.kind = 'partner'
  ),
  touches AS (
    SELECT r.opportunity_id AS opp, x.org, r.created_at AS at
    FROM referrals r CROSS JOIN LATERAL (VALUES (r.from_org_id), (r.to_org_id)) AS x(org)
    WHERE r.opportunity_id IS NOT NULL AND r.status IN ('accepted', 'in_progress', 'won', 'lost')
    UNION ALL
    SELECT c.opportunity_id, c.org_id, coalesce(c.joined_at, 'infinity'::timestamptz)
    FROM opportunity_participants c
    WHERE c.status = 'accepted'
  ),
  earliest AS (SELECT t.opp, t.org, min(t.at) AS at FROM touches t GROUP BY t.opp, t.org)
  SELECT o.id, o.sourcer, true, true, o.won, o.amount, o.created_at, o.closed_at FROM o WHERE o.sourcer IS NOT NULL
  UNION ALL
  SELECT o.id, e.org, false, o.sourcer IS NOT NULL, o.won, o.amount, o.created_at, o.closed_at
  FROM earliest e
  JOIN o ON o.id = e.opp
  JOIN organizations g ON g.id = e.org AND g.kind = 'partner'
  WHERE e.org IS DISTINCT FROM o.sourcer AND (o.closed_at IS NULL OR e.at <= o.closed_at);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_pairs_opportunities_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new opportunity has no touches yet (they reference it): only its sourcing pair. Nobody
    -- else sees the row before this transaction commits, so there is nothing to lock.
    INSERT INTO program_pipeline_pairs (opportunity_id, org_id, sourced, partner_sourced, won, amount, created_at, closed_at)
    SELECT n.id, sp.id, true, true, n.stage = 'won', n.amount, n.created_at, n.closed_at
    FROM new_rows n
    JOIN organizations v ON v.id = n.org_id AND v.kind = 'vendor'
    JOIN organizations sp ON sp.id = n.sourced_by_org_id AND sp.kind = 'partner';
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.org_id, o.amount, o.stage, o.created_at, o.closed_at, o.sourced_by_org_id)
        IS DISTINCT FROM (n.org_id, n.amount, n.stage, n.created_at, n.closed_at, n.sourced_by_org_id)
      UNION ALL
      -- a changed primary key cannot be paired: refresh both sides
      SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_pairs_referrals_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT opportunity_id FROM new_rows
      WHERE opportunity_id IS NOT NULL AND status IN ('accepted', 'in_progress', 'won', 'lost')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT opportunity_id FROM old_rows
      WHERE opportunity_id IS NOT NULL AND status IN ('accepted', 'in_progress', 'won', 'lost')));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT unnest(ARRAY[o.opportunity_id, n.opportunity_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.opportunity_id, o.status, o.created_at, o.from_org_id, o.to_org_id)
          IS DISTINCT FROM (n.opportunity_id, n.status, n.created_at, n.from_org_id, n.to_org_id)
        AND (o.status IN ('accepted', 'in_progress', 'won', 'lost') OR n.status IN ('accepted', 'in_progress', 'won', 'lost'))
      UNION ALL
      SELECT o.opportunity_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.opportunity_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ));
  ELSIF TG_OP = 'TRUNCATE' THEN
    PERFORM program_rebuild_pipeline_pairs();
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_pairs_participants_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(SELECT opportunity_id FROM new_rows WHERE status = 'accepted'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(SELECT opportunity_id FROM old_rows WHERE status = 'accepted'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT unnest(ARRAY[o.opportunity_id, n.opportunity_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.opportunity_id, o.status, o.joined_at, o.org_id) IS DISTINCT FROM (n.opportunity_id, n.status, n.joined_at, n.org_id)
        AND (o.status = 'accepted' OR n.status = 'accepted')
      UNION ALL
      SELECT o.opportunity_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.opportunity_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ));
  ELSIF TG_OP = 'TRUNCATE' THEN
    PERFORM program_rebuild_pipeline_pairs();
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_pairs_organizations_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  -- Only a change of kind changes which opportunities are the vendor's, which are partner-sourced
  -- and whose involvement is a partner's.
  changed := ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind IS DISTINCT FROM n.kind);
  IF cardinality(changed) > 0 THEN
    PERFORM program_refresh_pipeline_pairs(ARRAY(
      SELECT o.id FROM opportunities o WHERE o.org_id = ANY (changed)
      UNION
      SELECT o.id FROM opportunities o WHERE o.sourced_by_org_id = ANY (changed)
      UNION
      SELECT r.opportunity_id FROM referrals r WHERE r.from_org_id = ANY (changed) AND r.opportunity_id IS NOT NULL
      UNION
      SELECT r.opportunity_id FROM referrals r WHERE r.to_org_id = ANY (changed) AND r.opportunity_id IS NOT NULL
      UNION
      SELECT c.opportunity_id FROM opportunity_participants c WHERE c.org_id = ANY (changed)
    ));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER opportunities_program_pairs_insert AFTER INSERT ON opportunities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_opportunities_trigger();
--> statement-breakpoint
CREATE TRIGGER opportunities_program_pairs_update AFTER UPDATE ON opportunities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_opportunities_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_pairs_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_referrals_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_pairs_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_referrals_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_pairs_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_referrals_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_pairs_truncate AFTER TRUNCATE ON referrals FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_referrals_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_program_pairs_insert AFTER INSERT ON opportunity_participants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_participants_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_program_pairs_update AFTER UPDATE ON opportunity_participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_participants_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_program_pairs_delete AFTER DELETE ON opportunity_participants REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_participants_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_program_pairs_truncate AFTER TRUNCATE ON opportunity_participants FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_participants_trigger();
--> statement-breakpoint
CREATE TRIGGER organizations_program_pairs_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pairs_organizations_trigger();
--> statement-breakpoint
-- Bring existing data current.
SELECT program_rebuild_pipeline_pairs();
