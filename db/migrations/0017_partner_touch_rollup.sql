-- The partner-touch rollup on opportunities (see db/schema/pipeline.ts, partnerTouchedAt):
-- recomputed by these triggers for every opportunity a write can affect, in the same transaction.
CREATE OR REPLACE FUNCTION analytics_partner_touched_at(opp text) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT min(t.at) FROM (
    SELECT r.created_at AS at
    FROM referrals r
    WHERE r.opportunity_id = opp AND r.status IN ('accepted', 'in_progress', 'won', 'lost')
      AND EXISTS (SELECT 1 FROM organizations g WHERE g.kind = 'partner' AND (g.id = r.from_org_id OR g.id = r.to_org_id))
    UNION ALL
    SELECT coalesce(c.joined_at, 'infinity'::timestamptz)
    FROM opportunity_participants c JOIN organizations g ON g.id = c.org_id AND g.kind = 'partner'
    WHERE c.opportunity_id = opp AND c.status = 'accepted'
  ) t
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_refresh_partner_touched_at(opp_ids text[]) RETURNS void
LANGUAGE sql VOLATILE AS $$
  UPDATE opportunities o SET partner_touched_at = x.at
  FROM (SELECT u.id, analytics_partner_touched_at(u.id) AS at FROM (SELECT DISTINCT id FROM unnest(opp_ids) AS ids(id) WHERE id IS NOT NULL) u) x
  WHERE o.id = x.id AND o.partner_touched_at IS DISTINCT FROM x.at
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_referrals_touch_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM new_rows WHERE opportunity_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM old_rows WHERE opportunity_id IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
      SELECT unnest(ARRAY[o.opportunity_id, n.opportunity_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.opportunity_id, o.status, o.created_at, o.from_org_id, o.to_org_id)
        IS DISTINCT FROM (n.opportunity_id, n.status, n.created_at, n.from_org_id, n.to_org_id)
      UNION ALL
      -- a changed primary key cannot be paired: refresh both sides
      SELECT o.opportunity_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.opportunity_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ));
  ELSIF TG_OP = 'TRUNCATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT id FROM opportunities WHERE partner_touched_at IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_participants_touch_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
      SELECT unnest(ARRAY[o.opportunity_id, n.opportunity_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.opportunity_id, o.status, o.joined_at, o.org_id) IS DISTINCT FROM (n.opportunity_id, n.status, n.joined_at, n.org_id)
      UNION ALL
      SELECT o.opportunity_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.opportunity_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ));
  ELSIF TG_OP = 'TRUNCATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT id FROM opportunities WHERE partner_touched_at IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_organizations_touch_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  -- Only a change of kind (partner or not) changes whose involvement is a partner touch.
  changed := ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind IS DISTINCT FROM n.kind);
  IF cardinality(changed) > 0 THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
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
CREATE OR REPLACE FUNCTION analytics_opportunities_touch_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A new opportunity has no referral or participation yet (they reference it), so no touch;
  -- this also keeps copied rows from carrying someone else's value.
  NEW.partner_touched_at := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_touch_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_referrals_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_touch_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_referrals_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_touch_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_referrals_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_touch_truncate AFTER TRUNCATE ON referrals FOR EACH STATEMENT EXECUTE FUNCTION analytics_referrals_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_touch_insert AFTER INSERT ON opportunity_participants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_participants_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_touch_update AFTER UPDATE ON opportunity_participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_participants_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_touch_delete AFTER DELETE ON opportunity_participants REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_participants_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER participants_touch_truncate AFTER TRUNCATE ON opportunity_participants FOR EACH STATEMENT EXECUTE FUNCTION analytics_participants_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER organizations_touch_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_organizations_touch_trigger();
--> statement-breakpoint
CREATE TRIGGER opportunities_touch_insert BEFORE INSERT ON opportunities FOR EACH ROW EXECUTE FUNCTION analytics_opportunities_touch_insert();
--> statement-breakpoint
-- Bring existing data current.
UPDATE opportunities o SET partner_touched_at = t.at
FROM (
  SELECT x.id, min(x.at) AS at FROM (
    SELECT r.opportunity_id AS id, r.created_at AS at
    FROM referrals r
    WHERE r.opportunity_id IS NOT NULL AND r.status IN ('accepted', 'in_progress', 'won', 'lost')
      AND EXISTS (SELECT 1 FROM organizations g WHERE g.kind = 'partner' AND (g.id = r.from_org_id OR g.id = r.to_org_id))
    UNION ALL
    SELECT c.opportunity_id, coalesce(c.joined_at, 'infinity'::timestamptz)
    FROM opportunity_participants c JOIN organizations g ON g.id = c.org_id AND g.kind = 'partner'
    WHERE c.status = 'accepted'
  ) x GROUP BY x.id
) t
WHERE o.id = t.id AND o.partner_touched_at IS DISTINCT FROM t.at;
