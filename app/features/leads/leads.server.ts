import { and, count, desc, eq, notInArray, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { LEAD_STATUSES, leads, type LeadConversionKind, type LeadStatus } from '#db/schema/leads.ts'
import { organizations } from '#db/schema/orgs.ts'
import { conflict, invalid, notFound, DomainError } from '#app/utils/errors.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { assertOrgMayAct, assertOrgMayRead, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { CONVERSION_LABELS, HONEYPOT_FIELD, LEAD_STATUS_LABELS, LeadSchema, LeadStatusSchema, type LeadInput, type LeadStatusInput } from '#app/features/leads/schemas.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

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

export type LeadRow = typeof leads.$inferSelect & { listingSlug: string | null; convertedHref: string | null }

/** Where the record a lead became is shown. */
export function convertedHref(kind: LeadConversionKind | null, id: string | null) {
  if (!kind || !id) return null
  return kind === 'referral' ? `/referrals/${id}` : kind === 'cosell' ? `/cosell/${id}` : `/registrations/${id}`
}

/** The actor's organization's leads, newest first, a page at a time, by status and listing. */
export async function listLeads(actor: Actor, { page = 1, status = 'all', listing }: { page?: number; status?: LeadStatus | 'all'; listing?: string } = {}) {
  assertOrgMayRead(actor, 'see its leads')
  const own = eq(leads.orgId, actor.orgId)
  const where = and(own, status === 'all' ? undefined : eq(leads.status, status), listing ? eq(leads.listingId, listing) : undefined)
  const [rows, [totals], byStatus, listingsWithLeads] = await Promise.all([
    db
      .select({ lead: leads, listingSlug: sql<string | null>`(select slug from listings where listings.id = ${leads.listingId})` })
      .from(leads)
      .where(where)
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(LEADS_PAGE_SIZE)
      .offset((page - 1) * LEADS_PAGE_SIZE),
    db.select({ n: count() }).from(leads).where(where),
    db.select({ status: leads.status, n: count() }).from(leads).where(own).groupBy(leads.status),
    // The listings the organization's leads came from, for the filter (its own listings only).
    queryRows<{ id: string; title: string }>(
      db,
      sql`select l.id, coalesce(max(d.listing_title), l.slug) as title from leads d join listings l on l.id = d.listing_id
          where d.org_id = ${actor.orgId} and l.org_id = ${actor.orgId} group by l.id, l.slug order by 2 limit 200`,
    ),
  ])
  const total = Number(totals?.n ?? 0)
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>
  for (const r of byStatus) counts[r.status] = Number(r.n)
  return {
    rows: rows.map((r): LeadRow => ({ ...r.lead, listingSlug: r.listingSlug, convertedHref: convertedHref(r.lead.convertedKind, r.lead.convertedId) })),
    total,
    counts,
    newCount: counts.new,
    listings: listingsWithLeads,
    page,
    pageCount: pageCountOf(total, LEADS_PAGE_SIZE),
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

/**
 * Moves a lead along new → contacted → qualified, back, or to discarded (with a reason). A
 * converted lead stays converted: it is linked to the record it became. Only the organization
 * that owns the lead may; every change is an event (and so an audit entry). Nothing is written
 * on a refusal.
 */
export async function setLeadStatus(actor: Actor, raw: LeadStatusInput) {
  assertOrgMayAct(actor, 'work its leads')
  const input = parseOrThrow(LeadStatusSchema, raw, 'The lead was not changed: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, input.leadId), eq(leads.orgId, actor.orgId)))
      .for('update')
    if (!current) throw notFound('We could not find that lead.')
    if (current.status === 'converted') throw conflict(`This lead was already converted to ${CONVERSION_LABELS[current.convertedKind ?? 'referral']}; it stays linked to it.`)
    if (current.status === input.status) throw conflict(`This lead is already ${LEAD_STATUS_LABELS[input.status].toLowerCase()}.`)
    const reason = input.status === 'discarded' ? input.reason : null
    const now = new Date()
    const [row] = await tx
      .update(leads)
      .set(input.status === 'new' ? { status: 'new', handledAt: null, handledBy: null, discardReason: null } : { status: input.status, handledAt: now, handledBy: actor.userId, discardReason: reason })
      .where(eq(leads.id, current.id))
      .returning()
    await recordEvent(tx, {
      type: 'lead.status_changed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'lead',
      subjectId: current.id,
      payload: { leadId: current.id, status: input.status, previousStatus: current.status, reason },
    })
    return row!
  })
}

export type LeadPrefill = { leadId: string; accountName: string; accountDomain: string; contactName: string; contactEmail: string; need: string }

/**
 * What a referral, co-sell or registration started from a lead fills in: the company, the web
 * domain of the work email, the sender and the message. Null for a lead the actor's organization
 * does not own, or one already converted or discarded (the form then opens empty).
 */
export async function leadPrefill(actor: Actor, leadId: string | undefined): Promise<LeadPrefill | null> {
  if (!leadId) return null
  const lead = await getLead(actor, leadId).catch(() => null)
  if (!lead || lead.status === 'converted' || lead.status === 'discarded') return null
  return {
    leadId: lead.id,
    accountName: lead.company,
    accountDomain: normalizeDomain(lead.email.split('@')[1] ?? '') ?? '',
    contactName: lead.name,
    contactEmail: lead.email,
    need: lead.message.slice(0, 2000),
  }
}

/**
 * Links a lead to the record it became (called once the referral, co-sell or registration is
 * created): the lead is `converted` and its event names the record. Nothing happens for a lead
 * of another organization, or one already converted or discarded (returns null).
 */
export async function recordLeadConversion(actor: Actor, leadId: string | undefined | null, kind: LeadConversionKind, targetId: string) {
  if (!leadId || !orgMayAct(actor)) return null
  return db.transaction(async (tx) => {
    const now = new Date()
    const [row] = await tx
      .update(leads)
      .set({ status: 'converted', convertedKind: kind, convertedId: targetId, convertedAt: now, handledAt: now, handledBy: actor.userId, discardReason: null })
      .where(and(eq(leads.id, leadId), eq(leads.orgId, actor.orgId), notInArray(leads.status, ['converted', 'discarded'])))
      .returning()
    if (!row) return null
    await recordEvent(tx, {
      type: 'lead.status_changed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'lead',
      subjectId: row.id,
      payload: { leadId: row.id, status: 'converted', convertedKind: kind, convertedId: targetId },
    })
    return row
  })
}
