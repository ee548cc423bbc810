import { eq, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { onboardingDismissals, onboardingSettings, ONBOARDING_STEPS, type OnboardingStep } from '#db/schema/onboarding.ts'
import { organizations } from '#db/schema/orgs.ts'
import { logger } from '#app/core/logger.server.ts'
import { conflict, forbidden, notFound } from '#app/utils/errors.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { findPartners } from '#app/features/search/find-partner.server.ts'
import { CONNECTIONS_NEEDED, ONBOARDING_SORTS, STEP_DEFS } from '#app/features/onboarding/steps.ts'
import { pageParam, pageCountOf } from '#app/utils/page-query.ts'

/**
 * A partner's onboarding: each checklist step is computed from what the product already holds
 * (the profile, published listings, the account list, accepted connections, the team), never from
 * clicks. A partner reads only its own; the vendor's team reads everyone's.
 */

export type StepState = { key: OnboardingStep; title: string; description: string; href: string; action: string; done: boolean; detail: string | null }
export type Onboarding = {
  orgId: string
  orgName: string
  steps: StepState[]
  done: number
  total: number
  complete: boolean
  dismissed: boolean
  approvedAt: Date | null
}

type ProgressRow = {
  org_id: string
  profile: boolean
  listing: boolean
  accounts: boolean
  connections: number
  team: boolean
}

/** The facts behind every step, for the orgs `where` selects (a condition on `o`, the organizations row). */
const progressSql = (where: SQL) => sql`
  select o.id as org_id,
    (coalesce(o.tagline, '') <> '' and coalesce(o.description, '') <> ''
      and cardinality(o.regions) > 0 and cardinality(o.industries) > 0 and cardinality(o.skills) > 0) as profile,
    exists (select 1 from listings l where l.org_id = o.id and l.published_version_id is not null) as listing,
    exists (select 1 from accounts a where a.org_id = o.id) as accounts,
    (select count(*)::int from connections c
       where c.status = 'accepted' and (c.requester_org_id = o.id or c.recipient_org_id = o.id)) as connections,
    ((select count(*) from memberships m where m.org_id = o.id) > 1
      or exists (select 1 from invitations i where i.org_id = o.id and i.revoked_at is null)) as team
  from organizations o
  where ${where}`

function stepsFrom(row: ProgressRow, enabled: readonly OnboardingStep[]): StepState[] {
  return enabled.map((key) => {
    const done = key === 'connections' ? Number(row.connections) >= CONNECTIONS_NEEDED : Boolean(row[key])
    const detail = key === 'connections' ? `${Math.min(Number(row.connections), CONNECTIONS_NEEDED)} of ${CONNECTIONS_NEEDED} connected` : null
    return { key, ...STEP_DEFS[key], done, detail }
  })
}

/** The steps the vendor turned on, in checklist order (all of them until the vendor chooses). */
export async function enabledSteps(q: Queryable = db): Promise<OnboardingStep[]> {
  const [row] = await queryRows<{ steps: string[] | string }>(q, sql`select s.steps from onboarding_settings s join organizations o on o.id = s.org_id and o.kind = 'vendor' limit 1`)
  if (!row) return [...ONBOARDING_STEPS]
  const stored = Array.isArray(row.steps) ? row.steps : String(row.steps).replace(/[{}]/g, '').split(',').filter(Boolean)
  return ONBOARDING_STEPS.filter((s) => stored.includes(s))
}

/** Stores the vendor's choice of steps inside the caller's transaction (the settings page records the event). */
export async function writeEnabledSteps(tx: Tx, actor: Actor, steps: readonly OnboardingStep[]) {
  const values = { orgId: actor.orgId, steps: ONBOARDING_STEPS.filter((s) => steps.includes(s)), updatedBy: actor.userId, updatedAt: new Date() }
  await tx.insert(onboardingSettings).values(values).onConflictDoUpdate({ target: onboardingSettings.orgId, set: values })
}

function assertCanRead(actor: Actor, orgId: string) {
  if (isVendor(actor) || actor.orgId === orgId) return
  throw forbidden("You can see only your own organization's onboarding.")
}

/** One partner's checklist. Its own members and the vendor's team may read it; nobody else. */
export async function getOnboarding(actor: Actor, orgId: string = actor.orgId): Promise<Onboarding> {
  assertCanRead(actor, orgId)
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, approvedAt: organizations.approvedAt, dismissedOrg: onboardingDismissals.orgId })
    .from(organizations)
    .leftJoin(onboardingDismissals, eq(onboardingDismissals.orgId, organizations.id))
    .where(eq(organizations.id, orgId))
  if (!org || org.kind !== 'partner') throw notFound('We could not find that partner.')
  const [[row], enabled] = await Promise.all([queryRows<ProgressRow>(db, progressSql(sql`o.id = ${orgId}`)), enabledSteps()])
  const steps = stepsFrom(row!, enabled)
  const done = steps.filter((s) => s.done).length
  return { orgId, orgName: org.name, steps, done, total: steps.length, complete: done === steps.length, dismissed: org.dismissedOrg !== null, approvedAt: org.approvedAt }
}

export type Suggestion = { name: string; slug: string; url: string; reason: string }

/**
 * Partners worth connecting with: find-a-partner's ranking for the org's own regions and
 * industries, without itself and partners it is already connected to or has asked.
 */
export async function connectionSuggestions(actor: Actor, { limit = 3 } = {}): Promise<Suggestion[]> {
  if (actor.orgKind !== 'partner' || actor.orgStatus !== 'active') return []
  const [org] = await db.select({ regions: organizations.regions, industries: organizations.industries }).from(organizations).where(eq(organizations.id, actor.orgId))
  const linked = await queryRows<{ id: string }>(
    db,
    sql`select case when requester_org_id = ${actor.orgId} then recipient_org_id else requester_org_id end as id
        from connections where status in ('requested', 'accepted') and (requester_org_id = ${actor.orgId} or recipient_org_id = ${actor.orgId})`,
  )
  const skip = new Set([actor.orgId, ...linked.map((l) => l.id)])
  const industry = org?.industries[0]
  const region = org?.regions[0]
  const tries = [{ region, industry }, { industry }, { region }, {}]
  const out: Suggestion[] = []
  for (const input of tries) {
    const matches = await findPartners(input, { limit: 20 })
    for (const m of matches) {
      if (skip.has(m.orgId) || out.length >= limit) continue
      skip.add(m.orgId)
      const slug = m.url.split('/').pop() ?? ''
      const shared = [input.industry && m.industries.includes(input.industry) ? 'works in your industry' : null, input.region && m.regions.includes(input.region) ? 'covers your region' : null].filter(
        Boolean,
      )
      out.push({ name: m.name, slug, url: m.url, reason: shared.length ? `Also ${shared.join(' and ')}` : 'Active in the program' })
    }
    if (out.length >= limit) break
  }
  return out
}

/** A finished checklist stays on the home page (until hidden) this long after approval. */
const SHOW_FINISHED_DAYS = 30

/**
 * The home page's checklist for the signed-in partner: null for the vendor's team, for partners
 * not yet approved, once the partner hid a finished checklist, and for a finished checklist of a
 * partner approved over 30 days ago (an established partner is not greeted as new).
 */
export async function homeChecklist(actor: Actor) {
  if (actor.orgKind !== 'partner' || actor.orgStatus !== 'active') return null
  const onboarding = await getOnboarding(actor)
  if (onboarding.dismissed || onboarding.total === 0) return null
  if (onboarding.complete && (!onboarding.approvedAt || Date.now() - onboarding.approvedAt.getTime() > SHOW_FINISHED_DAYS * 86_400_000)) return null
  const connect = onboarding.steps.find((s) => s.key === 'connections')
  // Suggestions come from the search engine; if it is down, the checklist still shows without them.
  const suggestions = connect && !connect.done ? await connectionSuggestions(actor).catch((error: unknown) => (logger.warn({ err: error }, 'onboarding suggestions unavailable'), [])) : []
  return { ...onboarding, suggestions, canConnect: actor.role === 'partner_admin' }
}

/** Puts a finished checklist away for the whole organization. */
export async function dismissOnboarding(actor: Actor) {
  if (actor.orgKind !== 'partner') throw forbidden('Only partners have an onboarding checklist.')
  const onboarding = await getOnboarding(actor)
  if (!onboarding.complete) {
    const left = onboarding.steps.filter((s) => !s.done).map((s) => s.title.toLowerCase())
    throw conflict(`Finish the checklist before hiding it: ${left.join(', ')}.`)
  }
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(onboardingDismissals).values({ orgId: actor.orgId, dismissedBy: actor.userId }).onConflictDoNothing().returning()
    if (!inserted.length) return
    await recordEvent(tx, {
      type: 'onboarding.dismissed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'organization',
      subjectId: actor.orgId,
      audience: { orgs: [actor.orgId] },
    })
  })
}

// ---------------------------------------------------------------- the vendor's view ------------

export const OnboardingListSchema = z.object({
  sort: z.enum(ONBOARDING_SORTS).catch('progress'),
  page: pageParam,
  q: z.string().trim().max(100).catch(''),
})
export const ONBOARDING_PAGE_SIZE = 25

export type PartnerProgress = {
  orgId: string
  name: string
  slug: string
  approvedAt: Date | null
  lastActivityAt: Date | null
  done: number
  total: number
  steps: { key: OnboardingStep; done: boolean }[]
  /** Approved over two weeks ago, not finished, and nothing happened in the last week. */
  stuck: boolean
}

const STUCK_AFTER_DAYS = 14
const QUIET_DAYS = 7

/**
 * Every active partner's progress for the vendor's team, least progress first by default. Each
 * step is counted in SQL so sorting and paging happen in the database.
 */
export async function listOnboarding(actor: Actor, raw: unknown = {}) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's ecosystem team can see every partner's onboarding.")
  const input = OnboardingListSchema.parse(raw)
  const steps = await enabledSteps()
  const doneExpr = steps.length
    ? sql.join(
        steps.map((s) => (s === 'connections' ? sql`(p.connections >= ${CONNECTIONS_NEEDED})::int` : sql`(p.${sql.identifier(s)})::int`)),
        sql` + `,
      )
    : sql`0`
  const order = {
    progress: sql`done asc, approved_at asc nulls last, name asc`,
    approved: sql`approved_at desc nulls last, name asc`,
    activity: sql`last_activity_at asc nulls first, name asc`,
    name: sql`name asc`,
  }[input.sort]
  const where = sql`o.kind = 'partner' and o.status = 'active'${input.q ? sql` and o.name ilike ${`%${input.q.replace(/[\\%_]/g, '\\$&')}%`}` : sql``}`
  const rows = await queryRows<ProgressRow & { name: string; slug: string; approved_at: string | null; last_activity_at: string | null; done: number }>(
    db,
    sql`with p as (${progressSql(where)})
        select p.*, o.name, o.slug, o.approved_at,
          (select max(created_at) from audit_log a where a.org_id = o.id) as last_activity_at,
          (${doneExpr})::int as done
        from p join organizations o on o.id = p.org_id
        order by ${order}
        limit ${ONBOARDING_PAGE_SIZE} offset ${(input.page - 1) * ONBOARDING_PAGE_SIZE}`,
  )
  const now = Date.now()
  const partners: PartnerProgress[] = rows.map((r) => {
    const approvedAt = r.approved_at ? new Date(r.approved_at) : null
    const lastActivityAt = r.last_activity_at ? new Date(r.last_activity_at) : null
    const done = Number(r.done)
    return {
      orgId: r.org_id,
      name: r.name,
      slug: r.slug,
      approvedAt,
      lastActivityAt,
      done,
      total: steps.length,
      steps: stepsFrom(r, steps).map((s) => ({ key: s.key, done: s.done })),
      stuck:
        done < steps.length &&
        approvedAt !== null &&
        now - approvedAt.getTime() > STUCK_AFTER_DAYS * 86_400_000 &&
        (lastActivityAt === null || now - lastActivityAt.getTime() > QUIET_DAYS * 86_400_000),
    }
  })
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations o where ${where}`)
  const total = Number(count?.n ?? 0)
  return { ...input, steps, partners, total, pageCount: pageCountOf(total, ONBOARDING_PAGE_SIZE) }
}
