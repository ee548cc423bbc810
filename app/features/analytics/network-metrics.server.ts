import { sql, type SQL } from 'drizzle-orm'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { partnerOrgsSql, periodBounds } from '#app/features/analytics/metrics-sql.server.ts'

/** The network fields (float8, as the summary document reports them). */
export type NetworkRow = {
  active_partners: number
  edges: number
  connected_partners: number
  reciprocity: number | null
  participation_rate: number | null
  density: number | null
  largest_component_share: number | null
}

/**
 * The network effects over the active partners N, in one statement. The period's referrals
 * (index-only on the covering created index) get both orgs mapped to small integer partner
 * numbers (`idx`, 1..number of considered partner orgs) by two hash joins; the rest works on
 * integers.
 *
 * - `pairs`: one row per undirected edge {lo, hi} between active partners (N), from referrals
 *   created in the period and from two accepted co-sell participations joined in the period on
 *   the same opportunity; `fwd`/`bwd` say whether a referral lo→hi / hi→lo exists (reciprocity).
 * - Connected components: first every node takes the smallest of itself and its smaller
 *   neighbours (one aggregate over the edges), then the graph contracted to those labels —
 *   usually a few thousand edges even when there are a hundred thousand — is solved by label
 *   propagation in a recursive CTE over an int[] indexed by idx, until no label changes.
 *   Nodes sharing a first label are connected through it, so the components are the same.
 */
export function networkSql(period: Period, filters: AnalyticsFilters): SQL {
  const { from, to } = periodBounds(period)
  const numberedPartners = sql`
    select id, (row_number() over (order by id))::int as idx, (status = 'active' and approved_at < ${to}::timestamptz) as active
    from (${partnerOrgsSql(filters)}) p`
  return sql`
  with recursive
  pidx as materialized (${numberedPartners}),
  -- The same numbering, inlined so that the planner sees organizations' unique ids and hashes
  -- the partners (not the referrals) in the two joins below.
  pidx_inline as not materialized (${numberedPartners}),
  referred as (
    select fa.idx as a, fb.idx as b
    from referrals r
    join pidx_inline fa on fa.id = r.from_org_id and fa.active
    join pidx_inline fb on fb.id = r.to_org_id and fb.active
    where r.created_at >= ${from}::timestamptz and r.created_at < ${to}::timestamptz
  ),
  cos as materialized (
    select c.opportunity_id, x.idx
    from opportunity_participants c join pidx x on x.id = c.org_id and x.active
    where c.status = 'accepted' and c.joined_at >= ${from}::timestamptz and c.joined_at < ${to}::timestamptz
  ),
  pairs as materialized (
    select lo, hi, bool_or(fwd) as fwd, bool_or(bwd) as bwd
    from (
      select least(a, b) as lo, greatest(a, b) as hi, a < b as fwd, a > b as bwd
      from referred where a <> b
      union all
      select c1.idx, c2.idx, false, false
      from cos c1 join cos c2 on c2.opportunity_id = c1.opportunity_id and c2.idx > c1.idx
    ) x
    group by lo, hi
  ),
  smaller_neighbour as materialized (select hi as idx, min(lo) as lowest from pairs group by hi),
  first_label as materialized (
    select array_agg(coalesce(s.lowest, n.idx) order by n.idx) as l
    from pidx n left join smaller_neighbour s on s.idx = n.idx
  ),
  contracted as materialized (
    select distinct f.l[lo] as a, f.l[hi] as b from pairs, first_label f where f.l[lo] <> f.l[hi]
  ),
  labels(label, changed) as (
    select (select array_agg(idx order by idx) from pidx), true
    union all
    select nl.label, nl.label is distinct from l.label
    from labels l
    cross join lateral (
      select array_agg(least(l.label[n.idx], m.lowest) order by n.idx) as label
      from pidx n
      left join (
        select x.idx, min(l.label[x.other]) as lowest
        from contracted c cross join lateral (values (c.a, c.b), (c.b, c.a)) x(idx, other)
        group by x.idx
      ) m on m.idx = n.idx
    ) nl
    where l.changed
  ),
  components as (
    select fin.label[f.l[n.idx]] as component, count(*) as size
    from pidx n, first_label f, (select label from labels where not changed) fin
    where n.active
    group by 1
  ),
  edge_counts as materialized (
    select count(*)::float8 as edges,
      coalesce(sum(fwd::int + bwd::int), 0)::float8 as directions,
      (2 * count(*) filter (where fwd and bwd))::float8 as reciprocal_directions
    from pairs
  ),
  net as materialized (
    select
      (select count(*) from pidx where active)::float8 as active_partners,
      e.edges, e.directions, e.reciprocal_directions,
      (select count(*) from (select idx from smaller_neighbour union select distinct lo from pairs) x)::float8 as connected_partners,
      coalesce((select max(size) from components), 0)::float8 as largest_component
    from edge_counts e
  )
  select
    net.active_partners, net.edges, net.connected_partners,
    case when net.directions = 0 then null else net.reciprocal_directions / net.directions end as reciprocity,
    case when net.active_partners = 0 then null else net.connected_partners / net.active_partners end as participation_rate,
    case when net.active_partners < 2 then null else net.edges / (net.active_partners * (net.active_partners - 1) / 2) end as density,
    case when net.active_partners = 0 then null else net.largest_component / net.active_partners end as largest_component_share
  from net`
}
