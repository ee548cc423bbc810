import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { leads, mailMessages, notifications } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { LEAD_RATE_LIMIT, submitLead } from '#app/features/leads/leads.server.ts'
import { refusal } from '#tests/support/refusal.ts'

type Partner = Awaited<ReturnType<typeof createPartner>>
let target: Partner
let rival: Partner
let listing: { id: string; slug: string }

const visitor = { name: 'Dana Buyer', email: 'Dana@Contoso.example', company: 'Contoso Health', message: 'We want to migrate our clinics to the cloud this year.' }

beforeAll(async () => {
  const { vendor, categories } = await vendorWithCategories()
  target = await createPartner({ name: 'Lead Target' })
  rival = await createPartner({ name: 'Lead Rival' })
  const created = await createListing(target.admin, listingInput({ title: 'Clinic cloud move', categoryIds: [categories.saas.id] }))
  await submitListing(target.admin, created.id)
  await approveListing(vendor.admin, created.id)
  listing = created
})

beforeEach(async () => {
  await db.execute(sql`delete from rate_limits where key like 'lead:%'`)
})

describe('sending a lead', () => {
  it('stores the lead for the partner with its listing, and notifies the partner’s admins only', async () => {
    const outcome = await submitLead(null, target.org.slug, { ...visitor, listing: listing.slug }, { ip: '203.0.113.7' })
    expect(outcome.sent).toBe(true)
    if (!outcome.sent) return
    const [row] = await db.select().from(leads).where(eq(leads.id, outcome.leadId))
    expect(row).toMatchObject({ orgId: target.org.id, listingId: listing.id, listingTitle: 'Clinic cloud move', email: 'dana@contoso.example', status: 'new', senderUserId: null })

    await deliverPendingNotifications()
    const notified = await db.select().from(notifications).where(eq(notifications.link, '/manage/leads'))
    const recipients = notified.filter((n) => n.title.includes('Dana Buyer')).map((n) => n.userId)
    expect(recipients).toEqual([target.admin.userId])
    const [note] = notified.filter((n) => n.userId === target.admin.userId && n.title.includes('Dana Buyer'))
    expect(note!.title).toBe('New lead: Dana Buyer from Contoso Health')
    const mails = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, target.admin.email)))
    expect(
      mails.some((m) => m.subject.includes('Dana Buyer')),
      'lead email is immediate by default',
    ).toBe(true)
  })

  it('accepts a signed-in sender from the profile (no listing) and records who sent it', async () => {
    const outcome = await submitLead(rival.member, target.org.slug, { ...visitor, name: 'Riley Rival' }, { ip: '203.0.113.8' })
    if (!outcome.sent) throw new Error('expected the lead to be sent')
    const [row] = await db.select().from(leads).where(eq(leads.id, outcome.leadId))
    expect(row).toMatchObject({ listingId: null, listingTitle: null, senderUserId: rival.member.userId })
  })

  it('stores nothing when the honeypot is filled, yet answers without an error', async () => {
    const before = await db.$count(leads)
    const outcome = await submitLead(null, target.org.slug, { ...visitor, website: 'http://spam.example' }, { ip: '203.0.113.9' })
    expect(outcome).toEqual({ sent: false, reason: 'honeypot' })
    expect(await db.$count(leads)).toBe(before)
  })

  it('refuses past the per-IP limit, with a retry time, and writes nothing then', async () => {
    for (let i = 0; i < LEAD_RATE_LIMIT.max; i++) await submitLead(null, target.org.slug, visitor, { ip: '198.51.100.1' })
    const before = await db.$count(leads)
    const error = await refusal(submitLead(null, target.org.slug, visitor, { ip: '198.51.100.1' }))
    expect(error.code).toBe('rate_limited')
    expect(error.message).toMatch(/Try again in/)
    expect(error.retryAfterSeconds).toBeGreaterThan(0)
    expect(await db.$count(leads)).toBe(before)
    // Another address is not held back by it.
    expect((await submitLead(null, target.org.slug, visitor, { ip: '198.51.100.2' })).sent).toBe(true)
  })

  it('refuses invalid input with field messages, and unknown or non-public targets with 404, writing nothing', async () => {
    const before = await db.$count(leads)
    await expect(submitLead(null, target.org.slug, { ...visitor, email: 'not-an-email', message: 'x'.repeat(5000) }, { ip: '203.0.113.10' })).rejects.toThrow(/valid email|4,000 characters/)
    expect((await refusal(submitLead(null, 'no-such-partner', visitor, { ip: '203.0.113.10' }))).code).toBe('not_found')
    expect((await refusal(submitLead(null, target.org.slug, { ...visitor, listing: 'no-such-listing' }, { ip: '203.0.113.10' }))).code).toBe('not_found')
    // A listing of another organization cannot be attached to this one's lead.
    expect((await refusal(submitLead(null, rival.org.slug, { ...visitor, listing: listing.slug }, { ip: '203.0.113.10' }))).code).toBe('not_found')
    const suspended = await createPartner({ name: 'Lead Suspended', status: 'suspended' })
    expect((await refusal(submitLead(null, suspended.org.slug, visitor, { ip: '203.0.113.10' }))).code).toBe('not_found')
    expect((await refusal(submitLead(target.member, target.org.slug, visitor, { ip: '203.0.113.10' }))).code).toBe('invalid')
    expect(await db.$count(leads)).toBe(before)
  })
})
