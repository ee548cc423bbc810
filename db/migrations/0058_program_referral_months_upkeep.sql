-- Upkeep of program_referral_months (db/schema/programs.ts): the referrals each partner org sent,
-- counted per calendar month (UTC) of their creation, all and accepted, which the program's
-- referral requirements read instead of counting every referral in a trailing window
-- (app/features/programs/measure.server.ts). Like program_pipeline_months (migration 0056): a
-- statement trigger on referrals appends each write's signed changes grouped by (month, org) in the
-- writing transaction (+ inserted, − deleted, both for updated rows; an update that changes no
-- count appends nothing), a truncate empties the table, and program_compact_referral_months folds
-- the appended rows into one compacted row per (month, org); the evaluation calls it before it
-- measures.
CREATE OR REPLACE FUNCTION program_referral_months_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO program_referral_months (month, org_id, sent, accepted)
    SELECT date_trunc('month', r.created_at, 'UTC'), r.from_org_id, sum(r.s)::int,
      sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END)::int
    FROM (SELECT 1 AS s, n.created_at, n.from_org_id, n.status FROM new_rows n) r
    GROUP BY 1, 2
    HAVING sum(r.s) <> 0 OR sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO program_referral_months (month, org_id, sent, accepted)
    SELECT date_trunc('month', r.created_at, 'UTC'), r.from_org_id, sum(r.s)::int,
      sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END)::int
    FROM (SELECT -1 AS s, o.created_at, o.from_org_id, o.status FROM old_rows o) r
    GROUP BY 1, 2
    HAVING sum(r.s) <> 0 OR sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO program_referral_months (month, org_id, sent, accepted)
    SELECT date_trunc('month', r.created_at, 'UTC'), r.from_org_id, sum(r.s)::int,
      sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END)::int
    FROM (SELECT 1 AS s, n.created_at, n.from_org_id, n.status FROM new_rows n UNION ALL SELECT -1 AS s, o.created_at, o.from_org_id, o.status FROM old_rows o) r
    GROUP BY 1, 2
    HAVING sum(r.s) <> 0 OR sum(CASE WHEN r.status IN ('accepted', 'in_progress', 'won', 'lost') THEN r.s ELSE 0 END) <> 0;
  ELSIF TG_OP = 'TRUNCATE' THEN
    TRUNCATE program_referral_months;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Folds the rows appended since the last compaction into one compacted row per (month, org) (none
-- when both counts are zero); see program_compact_pipeline_months.
CREATE OR REPLACE FUNCTION program_compact_referral_months() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  WITH fresh AS (
    SELECT DISTINCT month, org_id FROM program_referral_months WHERE NOT compacted
  ),
  gone AS (
    DELETE FROM program_referral_months m USING fresh f
    WHERE m.month = f.month AND m.org_id = f.org_id
    RETURNING m.month, m.org_id, m.sent, m.accepted
  ),
  sums AS (
    INSERT INTO program_referral_months (month, org_id, sent, accepted, compacted)
    SELECT g.month, g.org_id, sum(g.sent)::int, sum(g.accepted)::int, true
    FROM gone g
    GROUP BY g.month, g.org_id
    HAVING sum(g.sent) <> 0 OR sum(g.accepted) <> 0
    RETURNING 1
  )
  SELECT count(*) INTO folded FROM gone;
  RETURN folded;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_program_months_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_referral_months_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_months_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_referral_months_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_months_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION program_referral_months_trigger();
--> statement-breakpoint
CREATE TRIGGER referrals_program_months_truncate AFTER TRUNCATE ON referrals FOR EACH STATEMENT EXECUTE FUNCTION program_referral_months_trigger();
--> statement-breakpoint
-- Bring existing data current, compacted.
INSERT INTO program_referral_months (month, org_id, sent, accepted, compacted)
SELECT date_trunc('month', r.created_at, 'UTC'), r.from_org_id, count(*)::int,
  (count(*) FILTER (WHERE r.status IN ('accepted', 'in_progress', 'won', 'lost')))::int, true
FROM referrals r
GROUP BY 1, 2;
