import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { getLead, listLeads, recordLeadConversion, setLeadStatus, submitLead } from '#app/features/leads/leads.server.ts'
import { countListingView, listingActivity } from '#app/features/leads/views.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** Who may read and work a lead: only the organization it was sent to (tenancy in the domain layer). */

type Partner = Awaited<ReturnType<typeof createPartner>>
let target: Partner
let rival: Partner
let vendor: Awaited<ReturnType<typeof createVendor>>
let listing: { id: string; slug: string }

const visitor = { name: 'Dana Buyer', email: 'dana@contoso.example', company: 'Contoso Health', message: 'We want to migrate our clinics to the cloud this year.' }

beforeAll(async () => {
  const ctx = await vendorWithCategories()
  vendor = ctx.vendor
  target = await createPartner({ name: 'Perm Target' })
  rival = await createPartner({ name: 'Perm Rival' })
  const created = await createListing(target.admin, listingInput({ title: 'Clinic cloud move', categoryIds: [ctx.categories.saas.id] }))
  await submitListing(target.admin, created.id)
  await approveListing(vendor.admin, created.id)
  listing = created
  await submitLead(null, target.org.slug, { ...visitor, listing: listing.slug }, { ip: '192.0.2.1' })
  await submitLead(null, target.org.slug, { ...visitor, name: 'Second Visitor' }, { ip: '192.0.2.2' })
})

describe('working leads (tenancy)', () => {
  it('lists only the actor’s own leads, newest first, with counts and pages', async () => {
    const mine = await listLeads(target.member)
    expect(mine.total).toBeGreaterThan(0)
    expect(mine.rows.every((r) => r.orgId === target.org.id)).toBe(true)
    expect(mine.rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(mine.rows.at(-1)!.createdAt.getTime())
    expect(mine.rows.find((r) => r.listingId === listing.id)!.listingSlug).toBe(listing.slug)
    const theirs = await listLeads(rival.admin)
    expect(theirs).toMatchObject({ total: 0, rows: [], newCount: 0, listings: [] })
    // Another organization's listing as a filter finds nothing, and names nothing.
    expect((await listLeads(rival.admin, { listing: listing.id })).rows).toEqual([])
    expect((await listLeads(target.admin, { page: 99 })).rows).toEqual([])
  })

  it('another organization gets 404 for a lead it does not own, to read or to change', async () => {
    const [lead] = (await listLeads(target.admin)).rows
    expect((await getLead(target.member, lead!.id)).id).toBe(lead!.id)
    expect((await refusal(getLead(rival.admin, lead!.id))).code).toBe('not_found')
    expect((await refusal(setLeadStatus(rival.admin, { leadId: lead!.id, status: 'contacted' }))).code).toBe('not_found')
    expect((await refusal(setLeadStatus(rival.admin, { leadId: lead!.id, status: 'discarded', reason: 'Not ours' }))).code).toBe('not_found')
    // Nor can it convert it by naming it in its own referral.
    expect(await recordLeadConversion(rival.admin, lead!.id, 'referral', 'some-referral')).toBeNull()
    expect(await getLead(target.admin, lead!.id)).toMatchObject({ status: 'new', convertedId: null })
  })

  it('another organization cannot read or move a listing’s view and lead counters', async () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0'
    expect(await countListingView({ id: listing.id }, { orgId: null, userAgent: ua })).toBe(true)
    const mine = await listingActivity(target.admin, [listing.id])
    expect(mine[listing.id]!.views).toBeGreaterThan(0)
    expect(mine[listing.id]!.leads).toBeGreaterThan(0)
    // Asking about another organization's listing reads zeros, not its numbers.
    expect(await listingActivity(rival.admin, [listing.id])).toEqual({ [listing.id]: { views: 0, leads: 0 } })
    expect(await listingActivity(vendor.admin, [listing.id])).toEqual({ [listing.id]: { views: 0, leads: 0 } })
    const applicant = await createPartner({ name: 'Counter Applicant', status: 'applicant' })
    expect((await refusal(listingActivity(applicant.admin, [listing.id]))).code).toBe('forbidden')
  })

  it('marks a lead contacted and new again, recording who and the event', async () => {
    const [lead] = (await listLeads(target.admin, { status: 'new' })).rows
    const newBefore = (await listLeads(target.admin)).newCount
    const handled = await setLeadStatus(target.member, { leadId: lead!.id, status: 'contacted' })
    expect(handled).toMatchObject({ status: 'contacted', handledBy: target.member.userId })
    expect((await listLeads(target.admin)).newCount).toBe(newBefore - 1)
    expect((await listLeads(target.admin, { status: 'new' })).rows.map((r) => r.id)).not.toContain(lead!.id)
    const reopened = await setLeadStatus(target.admin, { leadId: lead!.id, status: 'new' })
    expect(reopened).toMatchObject({ status: 'new', handledAt: null, handledBy: null })
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, lead!.id), eq(domainEvents.type, 'lead.status_changed')))
    expect(events).toHaveLength(2)
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, lead!.id), eq(auditLog.actorId, target.member.userId))),
    ).toHaveLength(1)
  })

  it('the vendor’s team does not see a partner’s leads either', async () => {
    const [lead] = (await listLeads(target.admin)).rows
    expect((await listLeads(vendor.admin)).rows.map((r) => r.id)).not.toContain(lead!.id)
    expect((await refusal(getLead(vendor.admin, lead!.id))).code).toBe('not_found')
    expect((await refusal(setLeadStatus(vendor.admin, { leadId: lead!.id, status: 'contacted' }))).code).toBe('not_found')
  })

  it('a suspended partner can read its leads but not change them; an applicant cannot read them', async () => {
    const suspended = await createPartner({ name: 'Lead Reader Suspended', status: 'suspended' })
    expect((await listLeads(suspended.admin)).total).toBe(0)
    const applicant = await createPartner({ name: 'Lead Applicant', status: 'applicant' })
    expect((await refusal(listLeads(applicant.admin))).code).toBe('forbidden')
    const [lead] = (await listLeads(target.admin)).rows
    const outsider = await createUserIn(suspended.org.id, 'partner_admin')
    expect((await refusal(setLeadStatus(outsider, { leadId: lead!.id, status: 'contacted' }))).code).toBe('forbidden')
  })
})
