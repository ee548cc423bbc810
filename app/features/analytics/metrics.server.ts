import { sql, type SQL } from 'drizzle-orm'
import { dbRead, queryRows, type Db, type Queryable } from '#db/client.server.ts'
import { assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { partnerOrgsSql } from '#app/features/analytics/metrics-sql.server.ts'
import { communitySql, type CommunityRow } from '#app/features/analytics/community-metrics.server.ts'
import { marketplaceSql, type MarketplaceRow } from '#app/features/analytics/marketplace-metrics.server.ts'
import { networkSql, type NetworkRow } from '#app/features/analytics/network-metrics.server.ts'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { pipelineSql, type PipelineRow } from '#app/features/analytics/pipeline-metrics.server.ts'
import { referralsSql, type ReferralsRow } from '#app/features/analytics/referral-metrics.server.ts'

/**
 * The numbers of docs/metrics.md, each computed by SQL over the database (never by loading rows into
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
  community: {
    activeMembers: number
    topics: number
    replies: number
    answerRate: number | null
    medianHoursToFirstReply: number | null
    partnerAnswerShare: number | null
    requestsConverted: number
  }
  marketplace: {
    leads: number
    convertedLeads: number
    conversionRate: number | null
    pipeline: number
  }
}

/** Counts behind the multiplier's two groups, for the dashboard (not part of the document). */
export type SummaryDetails = { ecosystemClosed: number; ecosystemWon: number; directClosed: number; directWon: number }

export const noFilters = (): AnalyticsFilters => ({ partnerTypes: [], tiers: [], regions: [] })

export { partnerOrgsSql }

/**
 * Runs an analytics read in a transaction tuned for it: JIT off (the cost estimates of the
 * recursive CTE are huge and PostgreSQL would spend longer compiling than running), more
 * work_mem so intermediate sets stay in memory, and no merge joins — the planner misestimates
 * the CTEs' sizes and would otherwise sort text ids to merge them, far slower than hashing.
 * (PGlite accepts and ignores what it lacks.)
 */
export async function withAnalyticsSettings<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return q.transaction(async (tx) => {
    await applyAnalyticsSettings(tx)
    return fn(tx)
  })
}

async function applyAnalyticsSettings(tx: Queryable) {
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('enable_mergejoin', 'off', true)`)
}

/** The summary document of docs/metrics.md (exactly its fields). */
export async function computeSummary(q: Queryable, period: Period, filters: AnalyticsFilters = noFilters()): Promise<Summary> {
  return (await computeSummaryDetailed(q, period, filters)).summary
}

/**
 * Five statements, independent of each other: the pipeline and multiplier, the P2P referrals,
 * the network, the community and the marketplace leads. On PostgreSQL they run at the same time on two connections that share one
 * snapshot (so the document is still one consistent reading); elsewhere one after the other in
 * one transaction.
 */
export async function computeSummaryDetailed(q: Queryable, period: Period, filters: AnalyticsFilters = noFilters()): Promise<{ summary: Summary; details: SummaryDetails }> {
  const rowOf =
    <T>(statement: SQL) =>
    async (tx: Queryable) =>
      (await queryRows<T>(tx, statement))[0]!
  const [pipe, refs, net, comm, market] = (await inOneSnapshot(q, [
    rowOf<PipelineRow>(pipelineSql(period, filters)),
    rowOf<ReferralsRow>(referralsSql(period, filters)),
    rowOf<NetworkRow>(networkSql(period, filters)),
    rowOf<CommunityRow>(communitySql(period)),
    rowOf<MarketplaceRow>(marketplaceSql(period, filters)),
  ])) as [PipelineRow, ReferralsRow, NetworkRow, CommunityRow, MarketplaceRow]
  const r: SummaryRow = { ...pipe, ...refs, ...net, ...comm, ...market }
  return {
    summary: toSummary(period, r),
    details: { ecosystemClosed: Number(r.eco_closed), ecosystemWon: Number(r.eco_won), directClosed: Number(r.dir_closed), directWon: Number(r.dir_won) },
  }
}

type Read = (tx: Queryable) => Promise<unknown>

/**
 * Runs the reads against one snapshot. With a PostgreSQL pool (not inside a transaction) the
 * first runs in a transaction that exports its snapshot and each other one gets its own
 * connection that imports it, so they run at the same time; a read that has no connection yet
 * when the first is done runs in the first one's transaction instead, so a busy pool can never
 * deadlock on this. Elsewhere (PGlite, an open transaction) they run one after the other.
 */
async function inOneSnapshot(q: Queryable, [main, ...sides]: [Read, ...Read[]]): Promise<unknown[]> {
  if (!isPostgresPool(q)) {
    return withAnalyticsSettings(q, async (tx) => {
      const values: unknown[] = []
      for (const read of [main, ...sides]) values.push(await read(tx))
      return values
    })
  }
  const pool = q as Db
  const readOnlySnapshot = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const
  return pool.transaction(async (tx) => {
    const [{ snapshot } = { snapshot: '' }] = await queryRows<{ snapshot: string }>(tx, sql`select pg_export_snapshot() as snapshot`)
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`)
    await applyAnalyticsSettings(tx)
    const runs = sides.map((read) => {
      const run = { state: 'waiting' as 'waiting' | 'started' | 'abandoned', result: undefined as Promise<{ value: unknown } | undefined> | undefined }
      run.result = pool.transaction(async (tx2) => {
        if (run.state === 'abandoned') return undefined
        run.state = 'started'
        await tx2.execute(sql.raw(`set transaction snapshot '${snapshot}'`))
        await applyAnalyticsSettings(tx2)
        return { value: await read(tx2) }
      }, readOnlySnapshot)
      return run
    })
    const abandonWaiting = () => runs.forEach((run) => run.state === 'waiting' && (run.state = 'abandoned'))
    try {
      const values: unknown[] = [await main(tx)]
      abandonWaiting()
      for (const [i, run] of runs.entries()) values.push(run.state === 'abandoned' ? await sides[i]!(tx) : (await run.result!)!.value)
      return values
    } finally {
      abandonWaiting()
      for (const run of runs) run.result!.catch(() => {}) // errors that matter were awaited above
    }
  }, readOnlySnapshot)
}

/** A drizzle database over a postgres-js pool (not PGlite, not an open transaction). */
function isPostgresPool(q: Queryable): boolean {
  const client = (q as unknown as { $client?: { begin?: unknown; reserve?: unknown } }).$client
  return typeof client?.begin === 'function' && typeof client?.reserve === 'function'
}

type SummaryRow = PipelineRow & ReferralsRow & NetworkRow & CommunityRow & MarketplaceRow

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
    community: {
      activeMembers: num(r.active_members),
      topics: num(r.topics),
      replies: num(r.replies),
      answerRate: rate(r.answer_rate),
      medianHoursToFirstReply: rate(r.median_hours_to_first_reply),
      partnerAnswerShare: rate(r.partner_answer_share),
      requestsConverted: num(r.requests_converted),
    },
    marketplace: {
      leads: num(r.marketplace_leads),
      convertedLeads: num(r.marketplace_converted),
      conversionRate: rate(r.marketplace_conversion_rate),
      pipeline: num(r.marketplace_pipeline),
    },
  }
}

/** The summary for the vendor's team (dashboard, API, exports). */
export async function getSummary(actor: Actor, period: Period, filters: AnalyticsFilters = noFilters()) {
  assertVendor(actor, "Only the vendor's ecosystem team can read ecosystem-wide numbers.")
  return computeSummary(dbRead, period, filters)
}
