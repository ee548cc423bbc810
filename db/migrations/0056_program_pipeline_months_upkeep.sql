-- Upkeep of program_pipeline_months (db/schema/programs.ts): the pipeline pairs summed per partner
-- org and calendar month (UTC), which the program's pipeline requirements read instead of summing
-- every pair in a trailing window (app/features/programs/measure.server.ts). A statement trigger on
-- program_pipeline_pairs appends each write's signed changes, grouped by (month, org), in the
-- writing transaction: + for inserted pairs, − for deleted ones, both for updated ones (the
-- pairs' own upkeep, migration 0049, deletes and re-inserts an opportunity's pairs). Appends only:
-- two transactions changing the same partner's month never wait for each other or deadlock here.
-- A truncate of the pairs (also through a truncate of the opportunities) empties the table.
-- program_compact_pipeline_months folds the appended rows into one compacted row per (month, org);
-- the evaluation calls it before it measures.
CREATE OR REPLACE FUNCTION program_pipeline_months_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO program_pipeline_months (month, org_id, sourced, influenced, won)
    SELECT d.month, d.org_id, sum(d.sourced)::bigint, sum(d.influenced)::bigint, sum(d.won)::bigint
    FROM (
      SELECT date_trunc('month', p.created_at, 'UTC') AS month, p.org_id,
        p.s * CASE WHEN p.sourced THEN p.amount ELSE 0 END AS sourced,
        p.s * CASE WHEN NOT p.partner_sourced THEN p.amount ELSE 0 END AS influenced,
        0::bigint AS won
      FROM (SELECT 1 AS s, n.* FROM new_rows n) p
      UNION ALL
      SELECT date_trunc('month', p.closed_at, 'UTC'), p.org_id, 0, 0, p.s * p.amount
      FROM (SELECT 1 AS s, n.* FROM new_rows n) p
      WHERE p.won AND p.closed_at IS NOT NULL
    ) d
    GROUP BY d.month, d.org_id
    HAVING sum(d.sourced) <> 0 OR sum(d.influenced) <> 0 OR sum(d.won) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO program_pipeline_months (month, org_id, sourced, influenced, won)
    SELECT d.month, d.org_id, sum(d.sourced)::bigint, sum(d.influenced)::bigint, sum(d.won)::bigint
    FROM (
      SELECT date_trunc('month', p.created_at, 'UTC') AS month, p.org_id,
        p.s * CASE WHEN p.sourced THEN p.amount ELSE 0 END AS sourced,
        p.s * CASE WHEN NOT p.partner_sourced THEN p.amount ELSE 0 END AS influenced,
        0::bigint AS won
      FROM (SELECT -1 AS s, o.* FROM old_rows o) p
      UNION ALL
      SELECT date_trunc('month', p.closed_at, 'UTC'), p.org_id, 0, 0, p.s * p.amount
      FROM (SELECT -1 AS s, o.* FROM old_rows o) p
      WHERE p.won AND p.closed_at IS NOT NULL
    ) d
    GROUP BY d.month, d.org_id
    HAVING sum(d.sourced) <> 0 OR sum(d.influenced) <> 0 OR sum(d.won) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO program_pipeline_months (month, org_id, sourced, influenced, won)
    SELECT d.month, d.org_id, sum(d.sourced)::bigint, sum(d.influenced)::bigint, sum(d.won)::bigint
    FROM (
      SELECT date_trunc('month', p.created_at, 'UTC') AS month, p.org_id,
        p.s * CASE WHEN p.sourced THEN p.amount ELSE 0 END AS sourced,
        p.s * CASE WHEN NOT p.partner_sourced THEN p.amount ELSE 0 END AS influenced,
        0::bigint AS won
      FROM (SELECT 1 AS s, n.* FROM new_rows n UNION ALL SELECT -1 AS s, o.* FROM old_rows o) p
      UNION ALL
      SELECT date_trunc('month', p.closed_at, 'UTC'), p.org_id, 0, 0, p.s * p.amount
      FROM (SELECT 1 AS s, n.* FROM new_rows n UNION ALL SELECT -1 AS s, o.* FROM old_rows o) p
      WHERE p.won AND p.closed_at IS NOT NULL
    ) d
    GROUP BY d.month, d.org_id
    HAVING sum(d.sourced) <> 0 OR sum(d.influenced) <> 0 OR sum(d.won) <> 0;
  ELSIF TG_OP = 'TRUNCATE' THEN
    TRUNCATE program_pipeline_months;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Folds the rows appended since the last compaction into one compacted row per (month, org) (none
-- when the sum is zero). Rows appended by transactions this one cannot see stay as they are and are
-- folded next time; two compactions at once each fold what they deleted, so the sums stay exact.
CREATE OR REPLACE FUNCTION program_compact_pipeline_months() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  WITH fresh AS (
    SELECT DISTINCT month, org_id FROM program_pipeline_months WHERE NOT compacted
  ),
  gone AS (
    DELETE FROM program_pipeline_months m USING fresh f
    WHERE m.month = f.month AND m.org_id = f.org_id
    RETURNING m.month, m.org_id, m.sourced, m.influenced, m.won
  ),
  sums AS (
    INSERT INTO program_pipeline_months (month, org_id, sourced, influenced, won, compacted)
    SELECT g.month, g.org_id, sum(g.sourced)::bigint, sum(g.influenced)::bigint, sum(g.won)::bigint, true
    FROM gone g
    GROUP BY g.month, g.org_id
    HAVING sum(g.sourced) <> 0 OR sum(g.influenced) <> 0 OR sum(g.won) <> 0
    RETURNING 1
  )
  SELECT count(*) INTO folded FROM gone;
  RETURN folded;
END
$$;
--> statement-breakpoint
CREATE TRIGGER program_pipeline_pairs_months_insert AFTER INSERT ON program_pipeline_pairs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pipeline_months_trigger();
--> statement-breakpoint
CREATE TRIGGER program_pipeline_pairs_months_update AFTER UPDATE ON program_pipeline_pairs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pipeline_months_trigger();
--> statement-breakpoint
CREATE TRIGGER program_pipeline_pairs_months_delete AFTER DELETE ON program_pipeline_pairs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION program_pipeline_months_trigger();
--> statement-breakpoint
CREATE TRIGGER program_pipeline_pairs_months_truncate AFTER TRUNCATE ON program_pipeline_pairs FOR EACH STATEMENT EXECUTE FUNCTION program_pipeline_months_trigger();
--> statement-breakpoint
-- Bring existing data current: the pairs as they are, compacted.
INSERT INTO program_pipeline_months (month, org_id, sourced, influenced, won, compacted)
SELECT d.month, d.org_id, sum(d.sourced)::bigint, sum(d.influenced)::bigint, sum(d.won)::bigint, true
FROM (
  SELECT date_trunc('month', p.created_at, 'UTC') AS month, p.org_id,
    CASE WHEN p.sourced THEN p.amount ELSE 0 END AS sourced,
    CASE WHEN NOT p.partner_sourced THEN p.amount ELSE 0 END AS influenced,
    0::bigint AS won
  FROM program_pipeline_pairs p
  UNION ALL
  SELECT date_trunc('month', p.closed_at, 'UTC'), p.org_id, 0, 0, p.amount
  FROM program_pipeline_pairs p
  WHERE p.won AND p.closed_at IS NOT NULL
) d
GROUP BY d.month, d.org_id
HAVING sum(d.sourced) <> 0 OR sum(d.influenced) <> 0 OR sum(d.won) <> 0;
