import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { assertVendor, assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import type { RequestMeta } from '#app/features/auth/auth.server.ts'
import { conflict, notFound } from '#app/utils/errors.ts'
import { recordStandingEvent } from '#app/features/orgs/standing.server.ts'
import { linkTo, queueMail } from '#app/features/mail/mail.server.ts'
import { RejectSchema } from '#app/features/orgs/schemas.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

export const APPLICATIONS_PAGE_SIZE = 25

export type Application = {
  id: string
  name: string
  website: string | null
  partnerType: string | null
  regions: string[]
  industries: string[]
  createdAt: Date
  ageDays: number
  admins: { name: string; email: string }[]
}

async function adminsOf(q: Queryable, orgIds: string[]) {
  if (orgIds.length === 0) return new Map<string, { userId: string; name: string; email: string }[]>()
  const rows = await q
    .select({ orgId: memberships.orgId, userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.orgId, orgIds), eq(memberships.role, 'partner_admin')))
    .orderBy(asc(memberships.createdAt))
  const byOrg = new Map<string, { userId: string; name: string; email: string }[]>()
  for (const r of rows) {
    const list = byOrg.get(r.orgId) ?? []
    list.push({ userId: r.userId, name: r.name, email: r.email })
    byOrg.set(r.orgId, list)
  }
  return byOrg
}

/** The vendor team's queue: partner applications waiting for a decision, oldest first. */
export async function listApplications(actor: Actor, { page = 1, pageSize = APPLICATIONS_PAGE_SIZE }: { page?: number; pageSize?: number } = {}) {
  assertVendor(actor, "Only the vendor's partner team can see applications.")
  const where = and(eq(organizations.kind, 'partner'), eq(organizations.status, 'applicant'))
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(organizations)
    .where(where)
  const pageCount = pageCountOf(Number(total), pageSize)
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      website: organizations.website,
      partnerType: organizations.partnerType,
      regions: organizations.regions,
      industries: organizations.industries,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.createdAt), asc(organizations.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
  const admins = await adminsOf(
    db,
    rows.map((r) => r.id),
  )
  const now = Date.now()
  const items: Application[] = rows.map((r) => ({
    ...r,
    ageDays: Math.floor((now - new Date(r.createdAt).getTime()) / 86_400_000),
    admins: (admins.get(r.id) ?? []).map(({ name, email }) => ({ name, email })),
  }))
  return { items, total: Number(total), page: current, pageCount, canDecide: actor.role === 'vendor_admin' }
}

/** The latest decisions, for the queue page's "recently decided" list. */
export async function recentDecisions(actor: Actor, limit = 10) {
  assertVendor(actor, "Only the vendor's partner team can see applications.")
  const decider = sql<string | null>`(select name from users where users.id = ${organizations.decidedBy})`
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      status: organizations.status,
      rejectionReason: organizations.rejectionReason,
      decidedAt: organizations.updatedAt,
      decidedBy: decider,
    })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), isNotNull(organizations.decidedBy)))
    .orderBy(desc(organizations.updatedAt))
    .limit(limit)
}

async function lockApplicant(q: Queryable, orgId: string) {
  const [org] = await q
    .select({ id: organizations.id, name: organizations.name, status: organizations.status, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .for('update')
  if (!org || org.kind !== 'partner') throw notFound('We could not find that application.')
  if (org.status !== 'applicant') {
    throw conflict(`${org.name} has already been ${org.status === 'active' ? 'approved' : org.status}. Reload the queue to see the latest state.`)
  }
  return org
}

/** A vendor admin approves an application: the org becomes an active partner and its admins are told. */
export async function approveApplication(actor: Actor, orgId: string, meta: RequestMeta = {}) {
  assertVendorAdmin(actor, "Only the vendor's admins can approve applications.")
  return db.transaction(async (tx) => {
    const org = await lockApplicant(tx, orgId)
    const now = new Date()
    await tx
      .update(organizations)
      .set({ status: 'active', approvedAt: now, decidedBy: actor.userId, rejectionReason: null, tier: sql`coalesce(${organizations.tier}, 'registered')`, updatedAt: now })
      .where(eq(organizations.id, org.id))
    await recordStandingEvent(tx, actor, org, 'org.approved', { name: org.name }, meta)
    const admins = (await adminsOf(tx, [org.id])).get(org.id) ?? []
    for (const admin of admins) {
      await queueMail(tx, {
        to: admin.email,
        subject: `Welcome aboard: ${org.name} is an approved partner`,
        text: [
          `Hi ${admin.name},`,
          '',
          `Good news: ${org.name}'s partner application was approved.`,
          'Sign in to complete your company profile, invite your team and publish your first listing:',
          linkTo('/login'),
        ].join('\n'),
      })
    }
    return { orgId: org.id, name: org.name }
  })
}

/** A vendor admin rejects an application with a reason, which the applicant's admins receive. */
export async function rejectApplication(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertVendorAdmin(actor, "Only the vendor's admins can reject applications.")
  const { reason } = parseOrThrow(RejectSchema, input)
  return db.transaction(async (tx) => {
    const org = await lockApplicant(tx, orgId)
    const now = new Date()
    await tx.update(organizations).set({ status: 'rejected', decidedBy: actor.userId, rejectionReason: reason, updatedAt: now }).where(eq(organizations.id, org.id))
    await recordStandingEvent(tx, actor, org, 'org.rejected', { name: org.name, reason }, meta)
    const admins = (await adminsOf(tx, [org.id])).get(org.id) ?? []
    for (const admin of admins) {
      await queueMail(tx, {
        to: admin.email,
        subject: `About ${org.name}'s partner application`,
        text: [
          `Hi ${admin.name},`,
          '',
          `Thank you for applying with ${org.name}. We are not able to approve the application at this time.`,
          '',
          `The partner team's reason: ${reason}`,
          '',
          'If your circumstances change, you are welcome to reply to this email.',
        ].join('\n'),
      })
    }
    return { orgId: org.id, name: org.name }
  })
}

/** The actor's own organization's application state (for the applicant's home page). */
export async function ownOrgStatus(actor: Actor) {
  const [org] = await db
    .select({ status: organizations.status, rejectionReason: organizations.rejectionReason, createdAt: organizations.createdAt, approvedAt: organizations.approvedAt })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
  if (!org) throw notFound()
  const [{ ahead }] = await db
    .select({ ahead: sql<number>`count(*)::int` })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'applicant'), lt(organizations.createdAt, org.createdAt)))
  return { ...org, queuePosition: org.status === 'applicant' ? Number(ahead) + 1 : null }
}
