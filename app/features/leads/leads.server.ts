import { and, count, desc, eq, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { leads, type LeadStatus } from '#db/schema/leads.ts'
import { organizations } from '#db/schema/orgs.ts'
import { invalid, notFound, DomainError } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { HONEYPOT_FIELD, LeadSchema, type LeadInput } from '#app/features/leads/schemas.ts'

/**
 * Inbound leads. Anyone (signed in or not) may contact an organization whose profile is public,
 * from the profile or from one of its public listings; the lead then belongs to that organization
 * alone: every read and change below is scoped to the actor's own organization.
 */

/** Sends per IP address per window: generous for a person, a wall for a script. */
export const LEAD_RATE_LIMIT = { max: 5, windowSeconds: 60 * 60 }
export const LEADS_PAGE_SIZE = 20

export type ContactTarget = {
  org: { id: string; name: string; slug: string }
  listing: { id: string; slug: string; title: string } | null
}

/** The organization (and listing) a visitor may write to; 404 for anything not public. */
export async function contactTarget(orgSlug: string, listingSlug?: string | null): Promise<ContactTarget> {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(and(eq(organizations.slug, orgSlug), eq(organizations.status, 'active')))
  if (!org) throw notFound('We could not find that partner.')
  if (!listingSlug) return { org, listing: null }
  const [listing] = await queryRows<{ id: string; slug: string; title: string }>(
    db,
    sql`select l.id, l.slug, v.title from listings l join listing_versions v on v.id = l.published_version_id
        where l.slug = ${listingSlug} and l.org_id = ${org.id} and l.status = 'published'`,
  )
  if (!listing) throw notFound('We could not find that listing.')
  return { org, listing }
}

export type LeadOutcome = { sent: true; leadId: string } | { sent: false; reason: 'honeypot' }

/**
 * Stores a visitor's message as a lead of the organization and tells its admins. A filled honeypot
 * is answered like a success and stores nothing (the bot learns nothing); past the per-IP limit the
 * visitor is told when to try again. The lead and its event commit together or not at all.
 */
export async function submitLead(sender: Actor | null, orgSlug: string, raw: LeadInput, meta: { ip?: string | null }): Promise<LeadOutcome> {
  const input = LeadSchema.parse(raw)
  if (input[HONEYPOT_FIELD]) return { sent: false, reason: 'honeypot' }
  const limit = await hitRateLimit(`lead:ip:${meta.ip ?? 'unknown'}`, LEAD_RATE_LIMIT.windowSeconds)
  if (limit.count > LEAD_RATE_LIMIT.max) {
    throw new DomainError('rate_limited', `You have sent several messages in a short time. Try again in ${describeRetryAfter(limit.retryAfterSeconds)}.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    })
  }
  const target = await contactTarget(orgSlug, input.listing || null)
  if (sender?.orgId === target.org.id) throw invalid('This is your own organization: visitors use this form to reach you.')
  const leadId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(leads)
      .values({
        orgId: target.org.id,
        listingId: target.listing?.id ?? null,
        listingTitle: target.listing?.title ?? null,
        name: input.name,
        email: input.email,
        company: input.company,
        message: input.message,
        senderUserId: sender?.userId ?? null,
      })
      .returning({ id: leads.id })
    await recordEvent(tx, {
      type: 'lead.received',
      actorId: sender?.userId ?? null,
      orgId: target.org.id,
      subjectType: 'lead',
      subjectId: row!.id,
      ip: meta.ip ?? null,
      payload: {
        leadId: row!.id,
        orgId: target.org.id,
        senderName: input.name,
        company: input.company,
        listingId: target.listing?.id ?? null,
        listingTitle: target.listing?.title ?? null,
      },
    })
    return row!.id
  })
  return { sent: true, leadId }
}

export type LeadRow = typeof leads.$inferSelect & { listingSlug: string | null }

/** The actor's organization's leads, newest first, a page at a time. */
export async function listLeads(actor: Actor, { page = 1, show = 'all' }: { page?: number; show?: 'all' | 'new' } = {}) {
  assertOrgMayRead(actor, 'see its leads')
  const own = eq(leads.orgId, actor.orgId)
  const where = show === 'new' ? and(own, eq(leads.status, 'new')) : own
  const [rows, [totals], [news]] = await Promise.all([
    db
      .select({ lead: leads, listingSlug: sql<string | null>`(select slug from listings where listings.id = ${leads.listingId})` })
      .from(leads)
      .where(where)
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(LEADS_PAGE_SIZE)
      .offset((page - 1) * LEADS_PAGE_SIZE),
    db.select({ n: count() }).from(leads).where(where),
    db
      .select({ n: count() })
      .from(leads)
      .where(and(own, eq(leads.status, 'new'))),
  ])
  const total = Number(totals?.n ?? 0)
  return {
    rows: rows.map((r): LeadRow => ({ ...r.lead, listingSlug: r.listingSlug })),
    total,
    newCount: Number(news?.n ?? 0),
    page,
    pageCount: Math.max(1, Math.ceil(total / LEADS_PAGE_SIZE)),
  }
}

/** One lead of the actor's organization; another organization's lead is not found. */
export async function getLead(actor: Actor, leadId: string) {
  assertOrgMayRead(actor, 'see its leads')
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.orgId, actor.orgId)))
  if (!row) throw notFound('We could not find that lead.')
  return row
}

/** Marks a lead handled (or new again). Only the organization that owns it may. */
export async function setLeadStatus(actor: Actor, leadId: string, status: LeadStatus) {
  assertOrgMayAct(actor, 'work its leads')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(leads)
      .set(status === 'handled' ? { status, handledAt: new Date(), handledBy: actor.userId } : { status, handledAt: null, handledBy: null })
      .where(and(eq(leads.id, leadId), eq(leads.orgId, actor.orgId)))
      .returning()
    if (!row) throw notFound('We could not find that lead.')
    await recordEvent(tx, { type: 'lead.status_changed', actorId: actor.userId, orgId: actor.orgId, subjectType: 'lead', subjectId: leadId, payload: { leadId, status } })
    return row
  })
}
