import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, leads, listingViewCounts } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { readAnalyticsDataVersion } from '#app/features/analytics/data-version.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { getLead, leadPrefill, listLeads, recordLeadConversion, setLeadStatus, submitLead } from '#app/features/leads/leads.server.ts'
import { countListingView, listingActivity } from '#app/features/leads/views.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** A lead's lifecycle (new → contacted → qualified → converted, or discarded) and the per-listing counters. */

type Partner = Awaited<ReturnType<typeof createPartner>>
let target: Partner
let other: Partner
let listing: { id: string; slug: string }
let draft: { id: string; slug: string }
let n = 0

const HUMAN = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15'
const visitor = (company = 'Contoso Health') => ({ name: 'Dana Buyer', email: 'dana@contoso-health.example', company, message: 'We want to migrate our clinics to the cloud this year.' })

async function newLead(company?: string) {
  const outcome = await submitLead(null, target.org.slug, { ...visitor(company), listing: listing.slug }, { ip: `198.18.0.${++n}` })
  if (!outcome.sent) throw new Error('expected a lead')
  return outcome.leadId
}

beforeAll(async () => {
  const { vendor, categories } = await vendorWithCategories()
  target = await createPartner({ name: 'Lifecycle Target' })
  other = await createPartner({ name: 'Lifecycle Other' })
  const created = await createListing(target.admin, listingInput({ title: 'Clinic data move', categoryIds: [categories.saas.id] }))
  await submitListing(target.admin, created.id)
  await approveListing(vendor.admin, created.id)
  listing = created
  draft = await createListing(target.admin, listingInput({ title: 'Not yet published', categoryIds: [categories.saas.id] }))
})

beforeEach(async () => {
  await db.execute(sql`delete from rate_limits where key like 'lead:%' or key like 'referral-preview:%'`)
})

describe('the lead lifecycle', () => {
  it('moves new → contacted → qualified, and is discarded only with a reason; each change is an audited event', async () => {
    const id = await newLead()
    expect((await setLeadStatus(target.member, { leadId: id, status: 'contacted' })).status).toBe('contacted')
    expect((await setLeadStatus(target.member, { leadId: id, status: 'qualified' })).status).toBe('qualified')
    expect((await refusal(setLeadStatus(target.member, { leadId: id, status: 'qualified' }))).code).toBe('conflict')
    const noReason = await refusal(setLeadStatus(target.member, { leadId: id, status: 'discarded', reason: ' ' } as never))
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/Say why/)
    expect((await refusal(setLeadStatus(target.member, { leadId: id, status: 'converted' } as never))).code).toBe('invalid')
    expect((await getLead(target.admin, id)).status).toBe('qualified')
    const discarded = await setLeadStatus(target.admin, { leadId: id, status: 'discarded', reason: 'A student project, no budget.' })
    expect(discarded).toMatchObject({ status: 'discarded', discardReason: 'A student project, no budget.', handledBy: target.admin.userId })
    // Reopened, the reason goes.
    expect(await setLeadStatus(target.admin, { leadId: id, status: 'new' })).toMatchObject({ status: 'new', discardReason: null, handledAt: null })
    const events = await db
      .select({ payload: domainEvents.payload })
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, id), eq(domainEvents.type, 'lead.status_changed')))
    expect(events.map((e) => (e.payload as { status: string }).status)).toEqual(['contacted', 'qualified', 'discarded', 'new'])
    expect((events[2]!.payload as { reason: string }).reason).toBe('A student project, no budget.')
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'lead.status_changed'))),
    ).toHaveLength(4)
  })

  it('filters by status and by listing, with counts per status', async () => {
    const id = await newLead('Filter Co')
    await setLeadStatus(target.admin, { leadId: id, status: 'contacted' })
    const contacted = await listLeads(target.admin, { status: 'contacted' })
    expect(contacted.rows.map((r) => r.id)).toContain(id)
    expect(contacted.rows.every((r) => r.status === 'contacted')).toBe(true)
    expect(contacted.counts.contacted).toBe(contacted.total)
    expect((await listLeads(target.admin, { listing: listing.id })).rows.every((r) => r.listingId === listing.id)).toBe(true)
    expect((await listLeads(target.admin, { listing: draft.id })).total).toBe(0)
    expect((await listLeads(target.admin)).listings).toEqual([{ id: listing.id, title: 'Clinic data move' }])
  })

  it('converts to a referral prefilled from the lead; the lead links it and stays converted', async () => {
    const id = await newLead('Convert Co')
    await setLeadStatus(target.member, { leadId: id, status: 'contacted' })
    const prefill = await leadPrefill(target.member, id)
    expect(prefill).toEqual({
      leadId: id,
      accountName: 'Convert Co',
      accountDomain: 'contoso-health.example',
      contactName: 'Dana Buyer',
      contactEmail: 'dana@contoso-health.example',
      need: 'We want to migrate our clinics to the cloud this year.',
    })
    expect(await leadPrefill(other.admin, id)).toBeNull()
    const referral = await submitReferral(target.member, {
      toOrg: other.org.slug,
      accountName: prefill!.accountName,
      accountDomain: prefill!.accountDomain,
      contactName: prefill!.contactName,
      contactEmail: prefill!.contactEmail,
      need: prefill!.need,
      estimatedValue: '40,000',
      feeType: 'none',
    })
    const converted = await recordLeadConversion(target.member, id, 'referral', referral.id)
    expect(converted).toMatchObject({ status: 'converted', convertedKind: 'referral', convertedId: referral.id })
    expect((await listLeads(target.admin, { status: 'converted' })).rows.find((r) => r.id === id)!.convertedHref).toBe(`/referrals/${referral.id}`)
    // Converted is final: no second conversion, no status change, no prefill.
    expect(await recordLeadConversion(target.member, id, 'cosell', 'another')).toBeNull()
    expect((await refusal(setLeadStatus(target.admin, { leadId: id, status: 'new' }))).code).toBe('conflict')
    expect(await leadPrefill(target.member, id)).toBeNull()
    expect((await getLead(target.admin, id)).convertedId).toBe(referral.id)
  })

  it('a discarded lead cannot be converted', async () => {
    const id = await newLead('Discard Co')
    await setLeadStatus(target.admin, { leadId: id, status: 'discarded', reason: 'Spam from a reseller' })
    expect(await recordLeadConversion(target.admin, id, 'registration', 'x')).toBeNull()
    expect((await getLead(target.admin, id)).status).toBe('discarded')
  })

  it('a new lead and a status change bump the analytics data version (they are in the summary)', async () => {
    const v0 = await readAnalyticsDataVersion(db)
    const id = await newLead('Version Co')
    const v1 = await readAnalyticsDataVersion(db)
    expect(v1).toBeGreaterThan(v0)
    await setLeadStatus(target.admin, { leadId: id, status: 'contacted' })
    expect(await readAnalyticsDataVersion(db)).toBeGreaterThan(v1)
    // A listing view does not: a page view must not empty the analytics cache.
    const v2 = await readAnalyticsDataVersion(db)
    await countListingView({ id: listing.id }, { userAgent: HUMAN })
    expect(await readAnalyticsDataVersion(db)).toBe(v2)
  })
})

describe('views per listing', () => {
  it('one counter per listing and day; robots, the owner and unpublished listings are not counted; 30 days shown', async () => {
    const day = (d: string) => new Date(`${d}T12:00:00Z`)
    await db.delete(listingViewCounts).where(eq(listingViewCounts.listingId, listing.id))
    expect(await countListingView({ id: listing.id }, { userAgent: HUMAN }, { now: day('2026-03-01') })).toBe(true)
    expect(await countListingView({ slug: listing.slug }, { orgId: other.org.id, userAgent: HUMAN }, { now: day('2026-03-01') })).toBe(true)
    expect(await countListingView({ id: listing.id }, { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, { now: day('2026-03-01') })).toBe(false)
    expect(await countListingView({ id: listing.id }, { userAgent: '' }, { now: day('2026-03-01') })).toBe(false)
    expect(await countListingView({ id: listing.id }, { orgId: target.org.id, userAgent: HUMAN }, { now: day('2026-03-01') })).toBe(false)
    expect(await countListingView({ id: draft.id }, { userAgent: HUMAN }, { now: day('2026-03-01') })).toBe(false)
    expect(await countListingView({ id: listing.id }, { userAgent: HUMAN }, { now: day('2026-03-20') })).toBe(true)
    const rows = await db.select().from(listingViewCounts).where(eq(listingViewCounts.listingId, listing.id))
    expect(rows.map((r) => [r.day, r.views, r.orgId]).sort()).toEqual([
      ['2026-03-01', 2, target.org.id],
      ['2026-03-20', 1, target.org.id],
    ])
    // The last 30 days up to 2026-03-30 start on 2026-03-01; up to 2026-03-31 they do not include it.
    expect((await listingActivity(target.admin, [listing.id], day('2026-03-30')))[listing.id]!.views).toBe(3)
    expect((await listingActivity(target.admin, [listing.id], day('2026-03-31')))[listing.id]!.views).toBe(1)
    const leadsNow = await db.$count(leads, eq(leads.listingId, listing.id))
    expect(await listingActivity(target.admin, [listing.id, draft.id])).toMatchObject({ [listing.id]: { leads: leadsNow }, [draft.id]: { views: 0, leads: 0 } })
  })
})
