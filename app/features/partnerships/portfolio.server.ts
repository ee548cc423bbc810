import { sql } from 'drizzle-orm'
import { dbRead, queryRows, type Queryable } from '#db/client.server.ts'
import { remember } from '#app/core/remember.ts'
import { assertOrgMayRead, assertVendor, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { versionedCache } from '#app/features/analytics/data-version.server.ts'
import { textArray } from '#app/features/analytics/sql-util.server.ts'
import { visiblePartnership } from '#app/features/partnerships/access.server.ts'
import { IN_NAME_ONLY_REVIEW_DAYS, partnershipHealthMany, type PartnershipHealth } from '#app/features/partnerships/health.server.ts'
import { DEFAULT_PARTNERSHIP_SETTINGS } from '#app/features/partnerships/partnerships.server.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

/**
 * The partnership portfolio (docs/metrics.md, "Partnership health"): each partnership's health,
 * its warnings and what needs action, ranked weakest first. The vendor's team sees its strategic
 * partnerships; a partner sees the partnerships it is a side of, with the same figures. Every
 * figure comes from partnershipHealthMany, for the whole set at once.
 */

/** A scheduled review this close is shown as due. */
export const REVIEW_DUE_SOON_DAYS = 14
const DAY = 86_400_000

export type Side = { id: string; name: string }
export type Warning = { kind: 'asymmetry' | 'drifting' | 'in_name_only'; text: string }
export type Action = { kind: 'overdue_commitments' | 'review_overdue' | 'review_due' | 'no_review' | 'unsigned_draft'; text: string }
export type PortfolioRow = {
  id: string
  a: Side
  b: Side
  strategic: boolean
  stage: string
  health: PartnershipHealth
  warnings: Warning[]
  actions: Action[]
  overdue: { A: number; B: number }
}

type Facts = {
  id: string
  a_id: string
  a_name: string
  b_id: string
  b_name: string
  strategic: boolean
  stage: string
  overdue_a: number
  overdue_b: number
  next_review: string | null
  recent_review: boolean
  draft_version: number | null
}

async function facts(q: Queryable, ids: string[], at: Date): Promise<Facts[]> {
  const atIso = at.toISOString()
  const recentFrom = new Date(at.getTime() - IN_NAME_ONLY_REVIEW_DAYS * DAY).toISOString()
  return queryRows<Facts>(
    q,
    sql`select p.id, p.org_a_id as a_id, oa.name as a_name, p.org_b_id as b_id, ob.name as b_name, p.strategic, p.stage,
          coalesce(c.overdue_a, 0)::int as overdue_a, coalesce(c.overdue_b, 0)::int as overdue_b,
          (select min(r.scheduled_at) from partnership_reviews r where r.partnership_id = p.id and r.held_at is null)::text as next_review,
          exists (select 1 from partnership_reviews r where r.partnership_id = p.id and r.held_at > ${recentFrom}::timestamptz and r.held_at <= ${atIso}::timestamptz) as recent_review,
          (select max(pl.version) from partnership_plans pl where pl.partnership_id = p.id and pl.signed_at is null) as draft_version
        from partnerships p
        join organizations oa on oa.id = p.org_a_id
        join organizations ob on ob.id = p.org_b_id
        left join (
          select pl.partnership_id,
            count(*) filter (where c.owner_org_id = pp.org_a_id) as overdue_a,
            count(*) filter (where c.owner_org_id = pp.org_b_id) as overdue_b
          from partnership_plans pl
          join partnerships pp on pp.id = pl.partnership_id
          join partnership_commitments c on c.plan_id = pl.id
          where pl.partnership_id = any(${textArray(ids)}) and pl.signed_at is not null and c.status = 'open' and c.due_at < ${atIso}::timestamptz
          group by pl.partnership_id
        ) c on c.partnership_id = p.id
        where p.id = any(${textArray(ids)})`,
  )
}

const pctText = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`)

function rowOf(f: Facts, health: PartnershipHealth, at: Date, asymmetryWarning: number): PortfolioRow {
  const warnings: Warning[] = []
  const { A, B, asymmetry } = health.fulfilment
  if (asymmetry !== null && asymmetry >= asymmetryWarning) {
    warnings.push({ kind: 'asymmetry', text: `Asymmetric: ${f.a_name} met ${pctText(A)} of its commitments on time, ${f.b_name} ${pctText(B)}.` })
  }
  if (health.activity.drifting) {
    const counts = Object.values(health.activity.byQuarter)
    warnings.push({ kind: 'drifting', text: `Drifting: joint activity fell from ${counts[2]} to ${counts[3]} last quarter.` })
  }
  if (health.strategicInNameOnly) {
    warnings.push({ kind: 'in_name_only', text: `Strategic in name only: ${f.recent_review ? 'no active signed plan' : `no review held in the last ${IN_NAME_ONLY_REVIEW_DAYS} days`}.` })
  }
  const actions: Action[] = []
  for (const [name, n] of [
    [f.a_name, f.overdue_a],
    [f.b_name, f.overdue_b],
  ] as const) {
    if (n > 0) actions.push({ kind: 'overdue_commitments', text: `${n} overdue commitment${n === 1 ? '' : 's'} owned by ${name}` })
  }
  if (f.next_review) {
    const next = new Date(f.next_review)
    const day = next.toISOString().slice(0, 10)
    if (next < at) actions.push({ kind: 'review_overdue', text: `Review scheduled for ${day} not held yet` })
    else if (next.getTime() - at.getTime() <= REVIEW_DUE_SOON_DAYS * DAY) actions.push({ kind: 'review_due', text: `Review due on ${day}` })
  } else if (!f.recent_review && f.strategic) {
    actions.push({ kind: 'no_review', text: `No review held in ${IN_NAME_ONLY_REVIEW_DAYS} days and none scheduled` })
  }
  if (f.draft_version !== null) actions.push({ kind: 'unsigned_draft', text: `Plan version ${f.draft_version} awaits both sign-offs` })
  return {
    id: f.id,
    a: { id: f.a_id, name: f.a_name },
    b: { id: f.b_id, name: f.b_name },
    strategic: f.strategic,
    stage: f.stage,
    health,
    warnings,
    actions,
    overdue: { A: f.overdue_a, B: f.overdue_b },
  }
}

/**
 * Weakest first: more warnings first, then lower pipeline attainment (none — no active plan or no
 * target — counts as lowest), then more actions, then the partner's name.
 */
export function rankPortfolio(rows: PortfolioRow[]): PortfolioRow[] {
  const att = (r: PortfolioRow) => r.health.pipeline.attainment ?? -1
  return [...rows].sort(
    (x, y) =>
      y.warnings.length - x.warnings.length || att(x) - att(y) || y.actions.length - x.actions.length || `${x.a.name} ${x.b.name}`.localeCompare(`${y.a.name} ${y.b.name}`) || x.id.localeCompare(y.id),
  )
}

/** What the figures of a set of partnerships are made of, before the warning threshold applies. */
type Computed = { at: string; items: { facts: Facts; health: PartnershipHealth }[] }

async function compute(q: Queryable, ids: string[], at: Date): Promise<Computed> {
  if (!ids.length) return { at: at.toISOString(), items: [] }
  const [health, list] = await Promise.all([partnershipHealthMany(q, ids, at), facts(q, ids, at)])
  return { at: at.toISOString(), items: list.map((f) => ({ facts: f, health: health.get(f.id)! })) }
}

/**
 * Health as of now, kept per data version: triggers bump row 1 of analytics_data_version on every
 * write to organizations, opportunities, referrals and co-sell rows (migration 0025) and row 2 on
 * every write to the partnership tables (migration 0039), in the writing transaction, so a change
 * (a commitment met, a review held) is seen by the next request on any node. The version is read
 * before the figures, so what is kept under it is never older than it. Due dates and windows also
 * move with the clock: an entry is recomputed once it is HEALTH_CACHE_TTL_MS old, in the
 * background (requests meanwhile get the entry being replaced, the version being the same).
 */
export const HEALTH_CACHE_TTL_MS = 60_000
const healthCache = remember('partnerships.health-cache', () => versionedCache<Computed>({ maxEntries: 500, maxBytes: 64 * 1024 * 1024, ttlMs: HEALTH_CACHE_TTL_MS, refreshInBackground: true }))

/**
 * What every request needs before the figures, in one statement: both data versions and the
 * vendor's asymmetry warning threshold (a fraction; the default until the vendor stores one).
 */
async function readState(q: Queryable) {
  const [row] = await queryRows<{ analytics: string | null; partnerships: string | null; asymmetry: number | null }>(
    q,
    sql`select (select version::text from analytics_data_version where id = 1) as analytics,
          (select version::text from analytics_data_version where id = 2) as partnerships,
          (select s.asymmetry_warning_percent from organizations o join partnership_settings s on s.org_id = o.id
            where o.id = (select v.id from organizations v where v.kind = 'vendor' order by v.created_at limit 1)) as asymmetry`,
  )
  return {
    partnerships: Number(row?.partnerships ?? 0),
    analytics: row?.analytics ?? '0',
    asymmetryWarning: (row?.asymmetry ?? DEFAULT_PARTNERSHIP_SETTINGS.asymmetryWarningPercent) / 100,
  }
}

/**
 * The ranked rows of computed figures under a warning threshold, kept with the figures they come
 * from (an entry of the cache above): requests between two data changes rank the same rows, so
 * they are ranked once, not once per request (the threshold is read per request, so it is part of
 * the key).
 */
const rankedOf = new WeakMap<Computed, Map<number, PortfolioRow[]>>()
function ranked(c: Computed, threshold: number) {
  let byThreshold = rankedOf.get(c)
  if (!byThreshold) rankedOf.set(c, (byThreshold = new Map()))
  let rows = byThreshold.get(threshold)
  if (!rows) {
    const at = new Date(c.at)
    rows = rankPortfolio(c.items.map((i) => rowOf(i.facts, i.health, at, threshold)))
    byThreshold.set(threshold, rows)
  }
  return rows
}

async function rowsFor(q: Queryable, scope: string, ids: () => Promise<string[]>, options: PortfolioOptions) {
  const state = await readState(q)
  // At a given instant (tests, the CLI) the figures are computed; now, once per data version.
  const c = options.at ? await compute(q, await ids(), options.at) : await healthCache.get(state.partnerships, `${state.analytics}:${scope}`, async () => compute(q, await ids(), new Date()))
  const threshold = state.asymmetryWarning
  return { at: c.at, asymmetryWarning: threshold, rows: ranked(c, threshold) }
}

export type PortfolioOptions = { at?: Date; page?: number; pageSize?: number }

/**
 * Rows per page: the weakest 25 first. Each row is a dense line of figures, warnings and actions
 * that the server renders and the browser receives twice (markup and hydration data); 25 keep the
 * page's render cost at half of what 50 cost (bench:portfolio).
 */
export const PORTFOLIO_PAGE_SIZE = 25

function paged(rows: PortfolioRow[], options: PortfolioOptions) {
  const pageSize = options.pageSize ?? PORTFOLIO_PAGE_SIZE
  const pageCount = pageCountOf(rows.length, pageSize)
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount)
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageCount, pageSize, firstRank: (page - 1) * pageSize + 1 }
}

/** The vendor's team: every strategic partnership, ranked weakest first. */
export async function vendorPortfolio(actor: Actor, options: PortfolioOptions = {}, q: Queryable = dbRead) {
  assertVendor(actor, "Only the vendor's ecosystem team sees the partnership portfolio.")
  const ids = async () => (await queryRows<{ id: string }>(q, sql`select id from partnerships where strategic and stage <> 'concluded'`)).map((r) => r.id)
  const { rows, ...rest } = await rowsFor(q, 'vendor', ids, options)
  return { ...rest, ...paged(rows, options) }
}

/** A partner: the partnerships it is a side of (strategic or not), with the same figures. */
export async function ownPortfolio(actor: Actor, options: PortfolioOptions = {}, q: Queryable = dbRead) {
  assertOrgMayRead(actor, 'see its partnerships')
  const ids = async () => (await queryRows<{ id: string }>(q, sql`select id from partnerships where org_a_id = ${actor.orgId} or org_b_id = ${actor.orgId}`)).map((r) => r.id)
  const { rows, ...rest } = await rowsFor(q, `org:${actor.orgId}`, ids, options)
  return { ...rest, ...paged(rows, options) }
}

/**
 * One partnership's figures, with its overdue commitments listed: for its two organizations and
 * the vendor's team; anyone else gets not found.
 */
export async function partnershipHealthPage(actor: Actor, partnershipId: string, options: Pick<PortfolioOptions, 'at'> = {}, q: Queryable = dbRead) {
  const p = await visiblePartnership(q, actor, partnershipId)
  const computedRows = await rowsFor(q, `partnership:${p.id}`, async () => [p.id], options)
  const [row] = computedRows.rows
  const at = new Date(computedRows.at)
  const overdue = await queryRows<{ id: string; title: string; owner: string; due_at: string; version: number }>(
    q,
    sql`select c.id, c.title, o.name as owner, c.due_at::text as due_at, pl.version
        from partnership_commitments c
        join partnership_plans pl on pl.id = c.plan_id
        join organizations o on o.id = c.owner_org_id
        where pl.partnership_id = ${p.id} and pl.signed_at is not null and c.status = 'open' and c.due_at < ${at.toISOString()}::timestamptz
        order by c.due_at, c.id
        limit 100`,
  )
  return {
    at: at.toISOString(),
    asymmetryWarning: computedRows.asymmetryWarning,
    row: row!,
    viewerSide: isVendor(actor) && actor.orgId !== p.orgAId && actor.orgId !== p.orgBId ? null : actor.orgId,
    overdue: overdue.map((c) => ({ id: c.id, title: c.title, owner: c.owner, dueAt: new Date(c.due_at).toISOString(), version: c.version })),
  }
}
