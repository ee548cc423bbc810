import { sql } from 'drizzle-orm'
import { dbRead, queryRows, type Queryable } from '#db/client.server.ts'
import { assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { readAnalyticsDataVersion, versionedCache } from '#app/features/analytics/data-version.server.ts'
import { computeSummaryDetailed, partnerOrgsSql, type Summary, type SummaryDetails } from '#app/features/analytics/metrics.server.ts'
import { previousPeriod, type AnalyticsFilters, type Period } from '#app/features/analytics/period.ts'

/**
 * Everything the vendor's dashboard shows beyond the summary document: monthly series, the
 * partner network with weights, and the top partner tables. Aggregation happens in SQL; only
 * the (small, already aggregated) edge list comes back to compute betweenness, which is not a
 * docs/metrics.md number.
 */

export type SeriesPoint = {
  month: string
  ecosystemPipeline: number
  directPipeline: number
  p2pRevenue: number
  activePartners: number
  edges: number
  connectedPartners: number
  participationRate: number | null
  /** The month is still running (its end is after now): its numbers hold only the days so far. */
  partial: boolean
}

export type NetworkNode = {
  id: string
  name: string
  slug: string
  partnerType: string | null
  tier: string | null
  p2pRevenue: number
  degree: number
  interactions: number
}
export type NetworkEdge = { a: string; b: string; referrals: number; coSell: number; weight: number }

export type TopRow = { id: string; name: string; slug: string; partnerType: string | null; tier: string | null; value: number; extra?: Record<string, number> }

/** A partner row of a top-partners table from an organizations row (id, name, slug, partner_type, tier). */
function topRow(r: Record<string, unknown>, value: number, extra: Record<string, number>): TopRow {
  return { id: r.id as string, name: r.name as string, slug: r.slug as string, partnerType: (r.partner_type as string) ?? null, tier: (r.tier as string) ?? null, value, extra }
}

export type Dashboard = {
  summary: Summary
  details: SummaryDetails
  previous: Summary
  series: SeriesPoint[]
  network: { nodes: NetworkNode[]; edges: NetworkEdge[]; truncated: boolean; totalNodes: number }
  top: { sourced: TopRow[]; p2pRevenue: TopRow[]; connected: TopRow[]; betweenness: TopRow[] }
}

const MAX_GRAPH_NODES = 400

const dashboards = versionedCache<Dashboard>()

/**
 * The dashboard for the vendor's team. Its figures change only when the data does: they are kept
 * per analytics data version, period and filters (data-version.server.ts) and computed again after
 * any write to the tables they read. Only whether a month is still running depends on the clock,
 * so that is worked out on every call.
 */
export async function getDashboard(actor: Actor, period: Period, filters: AnalyticsFilters, now: Date = new Date()): Promise<Dashboard> {
  assertVendor(actor, "Only the vendor's ecosystem team can read ecosystem-wide numbers.")
  const version = await readAnalyticsDataVersion(dbRead)
  const key = JSON.stringify([period.from.toISOString(), period.to.toISOString(), [...filters.partnerTypes].sort(), [...filters.tiers].sort(), [...filters.regions].sort()])
  const dashboard = await dashboards.get(version, key, () => computeDashboard(period, filters))
  return { ...dashboard, series: dashboard.series.map((s) => ({ ...s, partial: monthEnd(s.month, period.to).getTime() > now.getTime() })) }
}

/** Where a series month ends: the first instant of the next month, or the period's end if sooner. */
function monthEnd(month: string, periodEnd: Date): Date {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const next = new Date(Date.UTC(y, m, 1))
  return next.getTime() < periodEnd.getTime() ? next : periodEnd
}

async function computeDashboard(period: Period, filters: AnalyticsFilters): Promise<Dashboard> {
  const q = dbRead
  const [{ summary, details }, prev, series, network, sourced, revenue] = await Promise.all([
    computeSummaryDetailed(q, period, filters),
    computeSummaryDetailed(q, previousPeriod(period), filters),
    computeSeries(q, period, filters),
    computeNetwork(q, period, filters),
    topSourced(q, period, filters),
    topP2pRevenue(q, period, filters),
  ])
  const centrality = betweenness(
    network.nodes.map((n) => n.id),
    network.edges,
  )
  const byId = new Map(network.nodes.map((n) => [n.id, n]))
  const asRow = (n: NetworkNode, value: number, extra?: Record<string, number>): TopRow => ({ id: n.id, name: n.name, slug: n.slug, partnerType: n.partnerType, tier: n.tier, value, extra })
  const connected = [...network.nodes]
    .filter((n) => n.degree > 0)
    .sort((a, b) => b.degree - a.degree || b.interactions - a.interactions || a.name.localeCompare(b.name))
    .slice(0, 10)
    .map((n) => asRow(n, n.degree, { interactions: n.interactions }))
  const between = [...centrality.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([id, v]) => asRow(byId.get(id)!, v))

  // Draw the busiest part of a very large network only.
  let nodes = network.nodes
  let edges = network.edges
  const truncated = nodes.length > MAX_GRAPH_NODES
  if (truncated) {
    nodes = [...nodes].sort((a, b) => b.interactions - a.interactions || b.p2pRevenue - a.p2pRevenue).slice(0, MAX_GRAPH_NODES)
    const keep = new Set(nodes.map((n) => n.id))
    edges = edges.filter((e) => keep.has(e.a) && keep.has(e.b))
  }
  return {
    summary,
    details,
    previous: prev.summary,
    series,
    network: { nodes, edges, truncated, totalNodes: network.nodes.length },
    top: { sourced, p2pRevenue: revenue, connected, betweenness: between },
  }
}

const inPeriodSql = (col: ReturnType<typeof sql>, f: string, t: string) => sql`(${col} >= ${f}::timestamptz and ${col} < ${t}::timestamptz)`

/**
 * One row per calendar month (UTC) of the period, clipped to [from, to): ecosystem and direct
 * pipeline created that month (same classification as the summary), P2P revenue closed that
 * month, active partners at the month's end, and the month's own network (edges and partners
 * with at least one edge, as if the month were the period). A month that has not ended by `now`
 * is marked partial, so a chart does not read the running month as a drop.
 */
export async function computeSeries(q: Queryable, period: Period, filters: AnalyticsFilters, now: Date = new Date()): Promise<SeriesPoint[]> {
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const bucket = (col: ReturnType<typeof sql>) => sql`greatest(date_trunc('month', ${col}, 'UTC'), ${f}::timestamptz)`
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`
    with
    p as materialized (${partnerOrgsSql(filters)}),
    buckets as (
      select greatest(m, ${f}::timestamptz) as b_from, least(m + interval '1 month', ${t}::timestamptz) as b_to
      from generate_series(date_trunc('month', ${f}::timestamptz, 'UTC'), ${t}::timestamptz - interval '1 microsecond', interval '1 month') m
    ),
    opp as materialized (
      select o.id, o.amount, o.created_at, o.closed_at, coalesce(o.sourced_by_org_id in (select id from p), false) as sourced
      from opportunities o
      where o.org_id in (select id from organizations where kind = 'vendor') and ${inPeriodSql(sql`o.created_at`, f, t)}
    ),
    touched as (
      select r.opportunity_id as id from referrals r join opp o on o.id = r.opportunity_id
      where r.status in ('accepted', 'in_progress', 'won', 'lost') and (o.closed_at is null or r.created_at <= o.closed_at)
        and (r.from_org_id in (select id from p) or r.to_org_id in (select id from p))
      union
      select c.opportunity_id from opportunity_participants c join opp o on o.id = c.opportunity_id
      where c.status = 'accepted' and c.org_id in (select id from p) and (o.closed_at is null or c.joined_at <= o.closed_at)
    ),
    pipe as (
      select ${bucket(sql`o.created_at`)} as b,
        sum(o.amount) filter (where o.sourced or t.id is not null) as eco,
        sum(o.amount) filter (where not (o.sourced or t.id is not null)) as dir
      from opp o left join touched t on t.id = o.id group by 1
    ),
    rev as (
      select ${bucket(sql`r.closed_at`)} as b, sum(r.won_amount) as revenue
      from referrals r
      where r.status = 'won' and ${inPeriodSql(sql`r.closed_at`, f, t)}
        and r.from_org_id in (select id from p) and r.to_org_id in (select id from p)
      group by 1
    ),
    pair_events as (
      select ${bucket(sql`r.created_at`)} as b, least(r.from_org_id, r.to_org_id) as a, greatest(r.from_org_id, r.to_org_id) as z
      from referrals r
      where ${inPeriodSql(sql`r.created_at`, f, t)} and r.from_org_id <> r.to_org_id
        and r.from_org_id in (select id from p where status = 'active') and r.to_org_id in (select id from p where status = 'active')
      union
      select ${bucket(sql`c1.joined_at`)}, c1.org_id, c2.org_id
      from opportunity_participants c1
      join opportunity_participants c2 on c2.opportunity_id = c1.opportunity_id and c2.org_id > c1.org_id
      where c1.status = 'accepted' and c2.status = 'accepted'
        and ${inPeriodSql(sql`c1.joined_at`, f, t)} and ${inPeriodSql(sql`c2.joined_at`, f, t)}
        and ${bucket(sql`c1.joined_at`)} = ${bucket(sql`c2.joined_at`)}
        and c1.org_id in (select id from p where status = 'active') and c2.org_id in (select id from p where status = 'active')
    ),
    month_edges as (
      select e.b, e.a, e.z from pair_events e
      join buckets k on k.b_from = e.b
      join p pa on pa.id = e.a and pa.approved_at < k.b_to
      join p pz on pz.id = e.z and pz.approved_at < k.b_to
    ),
    net as (
      select b, count(*) as edges,
        (select count(*) from (select a from month_edges m2 where m2.b = m.b union select z from month_edges m3 where m3.b = m.b) x) as connected
      from month_edges m group by b
    )
    select k.b_from as month, k.b_to as month_end,
      coalesce(pipe.eco, 0)::float8 as eco, coalesce(pipe.dir, 0)::float8 as dir,
      coalesce(rev.revenue, 0)::float8 as revenue,
      (select count(*) from p where status = 'active' and approved_at < k.b_to)::float8 as active,
      coalesce(net.edges, 0)::float8 as edges, coalesce(net.connected, 0)::float8 as connected
    from buckets k
    left join pipe on pipe.b = k.b_from
    left join rev on rev.b = k.b_from
    left join net on net.b = k.b_from
    order by k.b_from`,
  )
  return rows.map((r) => {
    const active = Number(r.active)
    const connected = Number(r.connected)
    return {
      month: new Date(r.month as string).toISOString().slice(0, 7),
      ecosystemPipeline: Number(r.eco),
      directPipeline: Number(r.dir),
      p2pRevenue: Number(r.revenue),
      activePartners: active,
      edges: Number(r.edges),
      connectedPartners: connected,
      participationRate: active === 0 ? null : connected / active,
      partial: new Date(r.month_end as string).getTime() > now.getTime(),
    }
  })
}

/** The period's network among the active considered partners, with interaction counts. */
export async function computeNetwork(q: Queryable, period: Period, filters: AnalyticsFilters) {
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`
    with
    p as materialized (${partnerOrgsSql(filters)}),
    n as materialized (select id from p where status = 'active' and approved_at < ${t}::timestamptz),
    interactions as (
      select least(r.from_org_id, r.to_org_id) as a, greatest(r.from_org_id, r.to_org_id) as b, 1 as referrals, 0 as cosell
      from referrals r
      where ${inPeriodSql(sql`r.created_at`, f, t)} and r.from_org_id <> r.to_org_id
        and r.from_org_id in (select id from n) and r.to_org_id in (select id from n)
      union all
      select c1.org_id, c2.org_id, 0, 1
      from opportunity_participants c1
      join opportunity_participants c2 on c2.opportunity_id = c1.opportunity_id and c2.org_id > c1.org_id
      where c1.status = 'accepted' and c2.status = 'accepted'
        and ${inPeriodSql(sql`c1.joined_at`, f, t)} and ${inPeriodSql(sql`c2.joined_at`, f, t)}
        and c1.org_id in (select id from n) and c2.org_id in (select id from n)
    ),
    edges as (select a, b, sum(referrals)::int as referrals, sum(cosell)::int as cosell from interactions group by a, b),
    revenue as (
      select x.id, sum(x.amount)::float8 as revenue from (
        select r.from_org_id as id, r.won_amount as amount from referrals r
        where r.status = 'won' and ${inPeriodSql(sql`r.closed_at`, f, t)} and r.from_org_id in (select id from p) and r.to_org_id in (select id from p)
        union all
        select r.to_org_id, r.won_amount from referrals r
        where r.status = 'won' and ${inPeriodSql(sql`r.closed_at`, f, t)} and r.from_org_id in (select id from p) and r.to_org_id in (select id from p)
      ) x group by x.id
    ),
    degree as (
      select id, count(*)::int as degree, sum(w)::int as interactions
      from (select a as id, referrals + cosell as w from edges union all select b, referrals + cosell from edges) d group by id
    )
    select 'node' as kind, o.id, o.name, o.slug, o.partner_type, o.tier, coalesce(rv.revenue, 0) as revenue,
           coalesce(d.degree, 0) as degree, coalesce(d.interactions, 0) as interactions, null as b, 0 as referrals, 0 as cosell
    from n join organizations o on o.id = n.id left join revenue rv on rv.id = n.id left join degree d on d.id = n.id
    union all
    select 'edge', e.a, null, null, null, null, 0, 0, 0, e.b, e.referrals, e.cosell from edges e`,
  )
  const nodes: NetworkNode[] = []
  const edges: NetworkEdge[] = []
  for (const r of rows) {
    if (r.kind === 'node') {
      nodes.push({
        id: r.id as string,
        name: r.name as string,
        slug: r.slug as string,
        partnerType: (r.partner_type as string) ?? null,
        tier: (r.tier as string) ?? null,
        p2pRevenue: Number(r.revenue),
        degree: Number(r.degree),
        interactions: Number(r.interactions),
      })
    } else {
      const referrals = Number(r.referrals)
      const coSell = Number(r.cosell)
      edges.push({ a: r.id as string, b: r.b as string, referrals, coSell, weight: referrals + coSell })
    }
  }
  nodes.sort((a, b) => a.name.localeCompare(b.name))
  return { nodes, edges }
}

/** Partner orgs (considered, any status) by pipeline they sourced that was created in the period. */
export async function topSourced(q: Queryable, period: Period, filters: AnalyticsFilters, limit = 10): Promise<TopRow[]> {
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`
    with p as materialized (${partnerOrgsSql(filters)})
    select o.id, o.name, o.slug, o.partner_type, o.tier, s.amount, s.n, s.won
    from (
      select sourced_by_org_id as id, sum(amount)::float8 as amount, count(*)::int as n, count(*) filter (where stage = 'won')::int as won
      from opportunities
      where sourced_by_org_id in (select id from p) and ${inPeriodSql(sql`created_at`, f, t)}
        and org_id in (select id from organizations where kind = 'vendor')
      group by sourced_by_org_id
    ) s join organizations o on o.id = s.id
    order by s.amount desc, o.name
    limit ${limit}`,
  )
  return rows.map((r) => topRow(r, Number(r.amount), { opportunities: Number(r.n), won: Number(r.won) }))
}

/** Partner orgs by revenue of won P2P referrals closed in the period that they sent or received. */
export async function topP2pRevenue(q: Queryable, period: Period, filters: AnalyticsFilters, limit = 10): Promise<TopRow[]> {
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`
    with p as materialized (${partnerOrgsSql(filters)}),
    won as (
      select from_org_id, to_org_id, won_amount from referrals
      where status = 'won' and ${inPeriodSql(sql`closed_at`, f, t)} and from_org_id in (select id from p) and to_org_id in (select id from p)
    ),
    per as (
      select id, sum(sent)::float8 as sent, sum(received)::float8 as received from (
        select from_org_id as id, coalesce(won_amount, 0) as sent, 0 as received from won
        union all select to_org_id, 0, coalesce(won_amount, 0) from won
      ) x group by id
    )
    select o.id, o.name, o.slug, o.partner_type, o.tier, per.sent, per.received
    from per join organizations o on o.id = per.id
    order by per.sent + per.received desc, o.name
    limit ${limit}`,
  )
  return rows.map((r) => topRow(r, Number(r.sent) + Number(r.received), { sent: Number(r.sent), received: Number(r.received) }))
}

/**
 * Betweenness centrality (Brandes, unweighted, undirected), normalised to 0…1 by
 * (n−1)(n−2)/2. Exact up to 600 connected nodes; above that it samples 300 sources evenly
 * and scales, which keeps the dashboard fast on very large networks.
 */
export function betweenness(nodeIds: string[], edges: { a: string; b: string }[]): Map<string, number> {
  const index = new Map(nodeIds.map((id, i) => [id, i]))
  const adj: number[][] = nodeIds.map(() => [])
  for (const e of edges) {
    const a = index.get(e.a)
    const b = index.get(e.b)
    if (a === undefined || b === undefined) continue
    adj[a]!.push(b)
    adj[b]!.push(a)
  }
  const n = nodeIds.length
  const cb = new Float64Array(n)
  const connected = adj.map((l, i) => (l.length ? i : -1)).filter((i) => i >= 0)
  const sources = connected.length > 600 ? connected.filter((_, i) => i % Math.ceil(connected.length / 300) === 0) : connected
  const scale = connected.length / Math.max(1, sources.length)
  const sigma = new Float64Array(n)
  const dist = new Int32Array(n)
  const delta = new Float64Array(n)
  for (const s of sources) {
    const stack: number[] = []
    const preds: number[][] = Array.from({ length: n }, () => [])
    sigma.fill(0)
    dist.fill(-1)
    delta.fill(0)
    sigma[s] = 1
    dist[s] = 0
    const queue = [s]
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi]!
      stack.push(v)
      for (const w of adj[v]!) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1
          queue.push(w)
        }
        if (dist[w] === dist[v]! + 1) {
          sigma[w]! += sigma[v]!
          preds[w]!.push(v)
        }
      }
    }
    while (stack.length) {
      const w = stack.pop()!
      for (const v of preds[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!)
      if (w !== s) cb[w]! += delta[w]!
    }
  }
  const norm = n > 2 ? (n - 1) * (n - 2) : 1 // undirected: each pair counted twice above
  const out = new Map<string, number>()
  nodeIds.forEach((id, i) => out.set(id, (cb[i]! * scale) / norm))
  return out
}
