-- Cheaper upkeep of the partner-touch rollup (0017): plpgsql keeps the refresh's plan cached per
-- session (a SQL-language function is planned again on every call), and the triggers skip rows
-- that cannot change any opportunity's earliest partner touch (not a touch before nor after).
CREATE OR REPLACE FUNCTION analytics_refresh_partner_touched_at(opp_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF opp_ids IS NULL OR cardinality(opp_ids) = 0 THEN
    RETURN;
  END IF;
  UPDATE opportunities o SET partner_touched_at = x.at
  FROM (
    SELECT u.id, (
      SELECT min(t.at) FROM (
        SELECT r.created_at AS at
        FROM referrals r
        WHERE r.opportunity_id = u.id AND r.status IN ('accepted', 'in_progress', 'won', 'lost')
          AND EXISTS (SELECT 1 FROM organizations g WHERE g.kind = 'partner' AND (g.id = r.from_org_id OR g.id = r.to_org_id))
        UNION ALL
        SELECT coalesce(c.joined_at, 'infinity'::timestamptz)
        FROM opportunity_participants c JOIN organizations g ON g.id = c.org_id AND g.kind = 'partner'
        WHERE c.opportunity_id = u.id AND c.status = 'accepted'
      ) t
    ) AS at
    FROM (SELECT DISTINCT ids.id FROM unnest(opp_ids) AS ids(id) WHERE ids.id IS NOT NULL) u
  ) x
  WHERE o.id = x.id AND o.partner_touched_at IS DISTINCT FROM x.at;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_referrals_touch_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
      SELECT opportunity_id FROM new_rows
      WHERE opportunity_id IS NOT NULL AND status IN ('accepted', 'in_progress', 'won', 'lost')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
      SELECT opportunity_id FROM old_rows
      WHERE opportunity_id IS NOT NULL AND status IN ('accepted', 'in_progress', 'won', 'lost')));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
      SELECT unnest(ARRAY[o.opportunity_id, n.opportunity_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.opportunity_id, o.status, o.created_at, o.from_org_id, o.to_org_id)
          IS DISTINCT FROM (n.opportunity_id, n.status, n.created_at, n.from_org_id, n.to_org_id)
        AND (o.status IN ('accepted', 'in_progress', 'won', 'lost') OR n.status IN ('accepted', 'in_progress', 'won', 'lost'))
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
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM new_rows WHERE status = 'accepted'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT opportunity_id FROM old_rows WHERE status = 'accepted'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics_refresh_partner_touched_at(ARRAY(
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
    PERFORM analytics_refresh_partner_touched_at(ARRAY(SELECT id FROM opportunities WHERE partner_touched_at IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
