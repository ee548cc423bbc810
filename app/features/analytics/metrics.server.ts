import { sql, type SQL } from 'drizzle-orm'
import { dbRead, queryRows, type Queryable } from '../../../db/client.server.ts'
import { assertVendor, type Actor } from '../auth/actor.ts'
import type { AnalyticsFilters, Period } from './period.ts'
import { textArray } from './sql-util.server.ts'

/**
 * The numbers of METRICS.md, each computed by SQL over the database (never by loading rows into
 * JavaScript). Periods are half-open [from, to); money is integer minor units; a rate whose
 * denominator is zero is null; rates are unrounded float8 divisions (the same IEEE double a
 * JavaScript `a / b` gives).
 *
 * Filters (see period.ts, FILTER_EXPLANATION) restrict the partner orgs considered: every
 * definition's "partner org" becomes "partner org matching the filters".
 */

export type Summary = {
  period: { from: string; to: string }
  pipeline: { total: number; partnerSourced: number; partnerInfluenced: number; ecosystemInfluenced: number; direct: number }
  referrals: { p2pCreated: number; p2pWonCount: number; p2pRevenue: number; acceptanceRate: number | null; winRate: number | null }
  multiplier: {
    value: number | null
    ecosystemRevenuePerClosed: number | null
    directRevenuePerClosed: number | null
    ecosystemWinRate: number | null
    directWinRate: number | null
  }
  network: {
    activePartners: number
    edges: number
    connectedPartners: number
    participationRate: number | null
    density: number | null
    reciprocity: number | null
    largestComponentShare: number | null
  }
}

/** Counts behind the multiplier's two groups, for the dashboard (not part of the document). */
export type SummaryDetails = { ecosystemClosed: number; ecosystemWon: number; directClosed: number; directWon: number }

export const noFilters = (): AnalyticsFilters => ({ partnerTypes: [], tiers: [], regions: [] })

/** `select id from organizations` restricted to the considered partner orgs (any status). */
export function partnerOrgsSql(filters: AnalyticsFilters): SQL {
  const conds: SQL[] = [sql`kind = 'partner'`]
  if (filters.partnerTypes.length) conds.push(sql`partner_type = any(${textArray(filters.partnerTypes)})`)
  if (filters.tiers.length) conds.push(sql`tier = any(${textArray(filters.tiers)})`)
  if (filters.regions.length) conds.push(sql`regions && ${textArray(filters.regions)}`)
  return sql`select id, status, approved_at from organizations where ${sql.join(conds, sql` and `)}`
}

/** The vendor's own org: its opportunities are the pipeline (partners' co-sell records are not). */
const VENDOR_ORG_ID = sql`select id from organizations where kind = 'vendor' order by created_at limit 1`

const TOUCH_REFERRAL_STATUSES = sql`('accepted', 'in_progress', 'won', 'lost')`

/**
 * The opportunity classification shared by the summary and the series: for the vendor's
 * opportunities matching `oppWhere`, whether each is partner-sourced and whether it has a
 * touch by a considered partner org (referral accepted/in_progress/won/lost linked to it, or an
 * accepted co-sell participation, at a time not after its closedAt).
 */
function classifiedOpportunitiesSql(oppWhere: SQL): SQL {
  return sql`
  opp as materialized (
    select o.id, o.amount, o.stage, o.created_at, o.closed_at,
           coalesce(o.sourced_by_org_id in (select id from p), false) as sourced
    from opportunities o
    where o.org_id = (${VENDOR_ORG_ID}) and (${oppWhere})
  ),
  touched as (
    select r.opportunity_id as id
    from referrals r join opp o on o.id = r.opportunity_id and not o.sourced
    where r.status in ${TOUCH_REFERRAL_STATUSES}
      and (o.closed_at is null or r.created_at <= o.closed_at)
      and (r.from_org_id in (select id from p) or r.to_org_id in (select id from p))
    union
    select c.opportunity_id
    from opportunity_participants c join opp o on o.id = c.opportunity_id and not o.sourced
    where c.status = 'accepted' and c.org_id in (select id from p)
      and (o.closed_at is null or c.joined_at <= o.closed_at)
  ),
  cls as (
    select o.*, o.sourced or t.id is not null as eco, (not o.sourced) and t.id is not null as influenced
    from opp o left join touched t on t.id = o.id
  )`
}

type SummaryRow = {
  total: number
  partner_sourced: number
  partner_influenced: number
  direct: number
  eco_closed: number
  eco_won: number
  eco_won_amount: number
  dir_closed: number
  dir_won: number
  dir_won_amount: number
  p2p_created: number
  p2p_won_count: number
  p2p_revenue: number
  acceptance_rate: number | null
  win_rate: number | null
  eco_rpc: number | null
  dir_rpc: number | null
  eco_win_rate: number | null
  dir_win_rate: number | null
  active_partners: number
  edges: number
  connected_partners: number
  reciprocity: number | null
  participation_rate: number | null
  density: number | null
  largest_component_share: number | null
  ecosystem_influenced: number
  multiplier: number | null
}

/**
 * Runs an analytics read in a transaction with JIT compilation off: the recursive CTE's cost
 * estimates are huge and would make PostgreSQL spend seconds compiling a query that runs in
 * milliseconds; and with more work_mem the intermediate sets stay in memory. (PGlite has no JIT;
 * the setting is accepted and ignored.)
 */
export async function withAnalyticsSettings<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`)
    await tx.execute(sql`set local work_mem = '64MB'`)
    return fn(tx)
  })
}

/** The summary document of METRICS.md (exactly its fields), in one SQL statement. */
export async function computeSummary(q: Queryable, period: Period, filters: AnalyticsFilters = noFilters()): Promise<Summary> {
  return (await computeSummaryDetailed(q, period, filters)).summary
}

export async function computeSummaryDetailed(q: Queryable, period: Period, filters: AnalyticsFilters = noFilters()): Promise<{ summary: Summary; details: SummaryDetails }> {
  const [row] = await withAnalyticsSettings(q, (tx) => queryRows<SummaryRow>(tx, summarySql(period, filters)))
  const r = row!
  return {
    summary: toSummary(period, r),
    details: { ecosystemClosed: Number(r.eco_closed), ecosystemWon: Number(r.eco_won), directClosed: Number(r.dir_closed), directWon: Number(r.dir_won) },
  }
}

/** The one statement behind the summary (exported for EXPLAIN in bench/analytics). */
export function summarySql(period: Period, filters: AnalyticsFilters): SQL {
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const inPeriod = (col: SQL) => sql`(${col} >= ${f}::timestamptz and ${col} < ${t}::timestamptz)`
  const statement = sql`
  with recursive
  p as not materialized (${partnerOrgsSql(filters)}),
  ${classifiedOpportunitiesSql(sql`${inPeriod(sql`o.created_at`)} or (o.stage in ('won', 'lost') and ${inPeriod(sql`o.closed_at`)})`)},
  pipe as (
    select
      coalesce(sum(amount) filter (where ${inPeriod(sql`created_at`)}), 0)::float8 as total,
      coalesce(sum(amount) filter (where ${inPeriod(sql`created_at`)} and sourced), 0)::float8 as partner_sourced,
      coalesce(sum(amount) filter (where ${inPeriod(sql`created_at`)} and influenced), 0)::float8 as partner_influenced,
      coalesce(sum(amount) filter (where ${inPeriod(sql`created_at`)} and not eco), 0)::float8 as direct,
      count(*) filter (where eco and stage in ('won', 'lost') and ${inPeriod(sql`closed_at`)})::float8 as eco_closed,
      count(*) filter (where eco and stage = 'won' and ${inPeriod(sql`closed_at`)})::float8 as eco_won,
      coalesce(sum(amount) filter (where eco and stage = 'won' and ${inPeriod(sql`closed_at`)}), 0)::float8 as eco_won_amount,
      count(*) filter (where not eco and stage in ('won', 'lost') and ${inPeriod(sql`closed_at`)})::float8 as dir_closed,
      count(*) filter (where not eco and stage = 'won' and ${inPeriod(sql`closed_at`)})::float8 as dir_won,
      coalesce(sum(amount) filter (where not eco and stage = 'won' and ${inPeriod(sql`closed_at`)}), 0)::float8 as dir_won_amount
    from cls
  ),
  p2p as (
    select r.status, r.created_at, r.closed_at, r.won_amount
    from referrals r
    where r.from_org_id in (select id from p) and r.to_org_id in (select id from p)
      and (${inPeriod(sql`r.created_at`)} or ${inPeriod(sql`r.closed_at`)})
  ),
  refs as (
    select
      count(*) filter (where ${inPeriod(sql`created_at`)})::float8 as p2p_created,
      count(*) filter (where status = 'won' and ${inPeriod(sql`closed_at`)})::float8 as p2p_won_count,
      coalesce(sum(won_amount) filter (where status = 'won' and ${inPeriod(sql`closed_at`)}), 0)::float8 as p2p_revenue,
      count(*) filter (where ${inPeriod(sql`created_at`)} and status <> 'submitted')::float8 as acc_den,
      count(*) filter (where ${inPeriod(sql`created_at`)} and status in ${TOUCH_REFERRAL_STATUSES})::float8 as acc_num,
      count(*) filter (where status in ('won', 'lost') and ${inPeriod(sql`closed_at`)})::float8 as win_den,
      count(*) filter (where status = 'won' and ${inPeriod(sql`closed_at`)})::float8 as win_num
    from p2p
  ),
  ${networkSql(f, t)}
  select s.*,
    s.partner_sourced + s.partner_influenced as ecosystem_influenced,
    case when s.eco_rpc is null or s.dir_rpc is null or s.dir_rpc = 0 then null else s.eco_rpc / s.dir_rpc end as multiplier
  from (
  select
    pipe.*,
    refs.p2p_created, refs.p2p_won_count, refs.p2p_revenue,
    case when refs.acc_den = 0 then null else refs.acc_num / refs.acc_den end as acceptance_rate,
    case when refs.win_den = 0 then null else refs.win_num / refs.win_den end as win_rate,
    case when pipe.eco_closed = 0 then null else pipe.eco_won_amount / pipe.eco_closed end as eco_rpc,
    case when pipe.dir_closed = 0 then null else pipe.dir_won_amount / pipe.dir_closed end as dir_rpc,
    case when pipe.eco_closed = 0 then null else pipe.eco_won / pipe.eco_closed end as eco_win_rate,
    case when pipe.dir_closed = 0 then null else pipe.dir_won / pipe.dir_closed end as dir_win_rate,
    net.active_partners, net.edges, net.connected_partners, net.reciprocity,
    case when net.active_partners = 0 then null else net.connected_partners / net.active_partners end as participation_rate,
    case when net.active_partners < 2 then null else net.edges / (net.active_partners * (net.active_partners - 1) / 2) end as density,
    case when net.active_partners = 0 then null else net.largest_component / net.active_partners end as largest_component_share
  from pipe, refs, net
  ) s`
  return statement
}

/**
 * The network over the active partners N at the period's end (considered partner orgs with
 * status active and approvedAt before `to`): undirected edges from P2P referrals created in the
 * period (either direction, any status) and from pairs of accepted co-sell participations on the
 * same opportunity, both joined in the period. Connected components by label propagation in a
 * recursive CTE: each round every connected node takes the smallest label among itself and its
 * neighbours, until no label changes (as many rounds as the longest shortest path).
 */
function networkSql(f: string, t: string): SQL {
  const inPeriod = (col: SQL) => sql`(${col} >= ${f}::timestamptz and ${col} < ${t}::timestamptz)`
  return sql`
  nidx as materialized (
    select id, (row_number() over (order by id))::int as idx from p where status = 'active' and approved_at < ${t}::timestamptz
  ),
  directed as materialized (
    select distinct fa.idx as a, fb.idx as b
    from referrals r join nidx fa on fa.id = r.from_org_id join nidx fb on fb.id = r.to_org_id
    where ${inPeriod(sql`r.created_at`)} and fa.idx <> fb.idx
  ),
  cos as materialized (
    select c.opportunity_id, x.idx
    from opportunity_participants c join nidx x on x.id = c.org_id
    where c.status = 'accepted' and ${inPeriod(sql`c.joined_at`)}
  ),
  edges as materialized (
    select distinct least(a, b) as a, greatest(a, b) as b from (
      select a, b from directed
      union all
      select c1.idx, c2.idx from cos c1 join cos c2 on c2.opportunity_id = c1.opportunity_id and c2.idx > c1.idx
    ) x
  ),
  adj as materialized (select a, b from edges union all select b, a from edges),
  labels(round, label, changed) as (
    select 0, (select array_agg(idx order by idx) from nidx), true
    union all
    select l.round + 1, nl.label, nl.label is distinct from l.label
    from labels l
    cross join lateral (
      select array_agg(least(cur.label, m.lowest) order by cur.idx) as label
      from unnest(l.label) with ordinality as cur(label, idx)
      left join (
        select a.a as idx, min(nb.label) as lowest
        from adj a join unnest(l.label) with ordinality as nb(label, idx) on nb.idx = a.b
        group by a.a
      ) m on m.idx = cur.idx
    ) nl
    where l.changed
  ),
  components as (
    select x.label, count(*) as size
    from (select label from labels where not changed) fin, unnest(fin.label) as x(label)
    group by x.label
  ),
  net as (
    select
      (select count(*) from nidx)::float8 as active_partners,
      (select count(*) from edges)::float8 as edges,
      (select count(distinct a) from adj)::float8 as connected_partners,
      (select case when sum(directions) is null then null else coalesce(sum(directions) filter (where directions = 2), 0)::float8 / sum(directions)::float8 end
       from (select count(*) as directions from directed group by least(a, b), greatest(a, b)) pairs) as reciprocity,
      coalesce((select max(size) from components), 0)::float8 as largest_component
  )`
}

function toSummary(period: Period, r: SummaryRow): Summary {
  const num = (v: unknown) => Number(v ?? 0)
  const rate = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    pipeline: {
      total: num(r.total),
      partnerSourced: num(r.partner_sourced),
      partnerInfluenced: num(r.partner_influenced),
      ecosystemInfluenced: num(r.ecosystem_influenced),
      direct: num(r.direct),
    },
    referrals: {
      p2pCreated: num(r.p2p_created),
      p2pWonCount: num(r.p2p_won_count),
      p2pRevenue: num(r.p2p_revenue),
      acceptanceRate: rate(r.acceptance_rate),
      winRate: rate(r.win_rate),
    },
    multiplier: {
      value: rate(r.multiplier),
      ecosystemRevenuePerClosed: rate(r.eco_rpc),
      directRevenuePerClosed: rate(r.dir_rpc),
      ecosystemWinRate: rate(r.eco_win_rate),
      directWinRate: rate(r.dir_win_rate),
    },
    network: {
      activePartners: num(r.active_partners),
      edges: num(r.edges),
      connectedPartners: num(r.connected_partners),
      participationRate: rate(r.participation_rate),
      density: rate(r.density),
      reciprocity: rate(r.reciprocity),
      largestComponentShare: rate(r.largest_component_share),
    },
  }
}

/** The summary for the vendor's team (dashboard, API, exports). */
export async function getSummary(actor: Actor, period: Period, filters: AnalyticsFilters = noFilters()) {
  assertVendor(actor, "Only the vendor's ecosystem team can read ecosystem-wide numbers.")
  return computeSummary(dbRead, period, filters)
}
