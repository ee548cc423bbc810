import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { conflict, notFound } from '#app/utils/errors.ts'
import type { RequestMeta } from '#app/features/auth/auth.server.ts'
import { assertVendor, assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordStandingEvent } from '#app/features/orgs/standing.server.ts'
import { SuspendSchema } from '#app/features/orgs/schemas.ts'

/**
 * Suspension: the vendor's team takes a partner out of the ecosystem for a while, with a reason.
 * While suspended, its people can sign in and read but not act (`assertOrgMayAct` refuses every
 * write), and its public pages and search entries go dark: they already show active partners
 * only, and the events below reach the search index through the outbox (subject `organization`)
 * and raise the page cache's version. Reinstating brings all of it back.
 */

export const PARTNERS_PAGE_SIZE = 50

async function lockPartner(q: Queryable, orgId: string) {
  const [org] = await q
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .for('update')
  if (!org || org.kind !== 'partner') throw notFound('We could not find that partner.')
  return org
}

/** Suspends an active partner with a reason (shown to its people); audit-logged as `org.suspended`. */
export async function suspendPartner(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertVendorAdmin(actor, "Only the vendor's admins can suspend a partner.")
  const { reason } = parseOrThrow(SuspendSchema, input)
  return db.transaction(async (tx) => {
    const org = await lockPartner(tx, orgId)
    if (org.status === 'suspended') throw conflict(`${org.name} is already suspended.`)
    if (org.status !== 'active')
      throw conflict(`${org.name} is not an active partner (it is ${org.status === 'applicant' ? 'still an applicant' : org.status}); only active partners can be suspended.`)
    const now = new Date()
    await tx.update(organizations).set({ status: 'suspended', suspendedAt: now, suspensionReason: reason, updatedAt: now }).where(eq(organizations.id, org.id))
    await recordStandingEvent(tx, actor, org, 'org.suspended', { orgId: org.id, name: org.name, reason }, meta)
    return { orgId: org.id, name: org.name }
  })
}

/** Lifts a suspension: the partner is active again; audit-logged as `org.reinstated`. */
export async function reinstatePartner(actor: Actor, orgId: string, meta: RequestMeta = {}) {
  assertVendorAdmin(actor, "Only the vendor's admins can reinstate a partner.")
  return db.transaction(async (tx) => {
    const org = await lockPartner(tx, orgId)
    if (org.status !== 'suspended') throw conflict(`${org.name} is not suspended.`)
    const now = new Date()
    await tx.update(organizations).set({ status: 'active', suspendedAt: null, suspensionReason: null, updatedAt: now }).where(eq(organizations.id, org.id))
    await recordStandingEvent(tx, actor, org, 'org.reinstated', { orgId: org.id, name: org.name }, meta)
    return { orgId: org.id, name: org.name }
  })
}

/** The partners the vendor's team can suspend or reinstate: active and suspended ones, searchable by name. */
export async function listPartnersForAdmin(actor: Actor, { status, q, page = 1 }: { status?: 'active' | 'suspended'; q?: string; page?: number } = {}) {
  assertVendor(actor)
  const like = q?.trim() ? `%${q.trim().replace(/[%_\\]/g, '\\$&')}%` : null
  const where = and(
    eq(organizations.kind, 'partner'),
    status ? eq(organizations.status, status) : inArray(organizations.status, ['active', 'suspended']),
    like ? or(ilike(organizations.name, like), ilike(organizations.slug, like)) : undefined,
  )
  const safePage = Math.max(1, page)
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      status: organizations.status,
      tier: organizations.tier,
      suspendedAt: organizations.suspendedAt,
      suspensionReason: organizations.suspensionReason,
    })
    .from(organizations)
    .where(where)
    .orderBy(sql`case when ${organizations.status} = 'suspended' then 0 else 1 end`, asc(organizations.name))
    .limit(PARTNERS_PAGE_SIZE)
    .offset((safePage - 1) * PARTNERS_PAGE_SIZE)
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(where)
  return { rows, total: Number(total?.n ?? 0), page: safePage, pageSize: PARTNERS_PAGE_SIZE }
}

/** Why and since when the actor's own organization is suspended (for its banner), or null. */
export async function ownSuspension(actor: Actor) {
  if (actor.orgStatus !== 'suspended') return null
  const [row] = await db.select({ suspendedAt: organizations.suspendedAt, reason: organizations.suspensionReason }).from(organizations).where(eq(organizations.id, actor.orgId))
  return row ? { suspendedAt: row.suspendedAt, reason: row.reason } : null
}
