-- Two transactions adding touches to one opportunity at the same time could lose the earlier one:
-- each computed the minimum from its own snapshot, and the later writer overwrote the earlier.
-- Now the refresh locks the opportunities first (in id order, so two refreshes cannot deadlock on
-- them) and computes in the next statement, whose snapshot (READ COMMITTED) includes whatever the
-- other writer committed while this one waited for the lock.
CREATE OR REPLACE FUNCTION analytics_refresh_partner_touched_at(opp_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF opp_ids IS NULL OR cardinality(opp_ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM opportunities WHERE id = ANY(opp_ids) ORDER BY id FOR UPDATE;
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
