import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, organizations } from '#db/schema/index.ts'
import { setSearchEngine } from '#search/engine.server.ts'
import { partnerDocuments } from '#search/documents.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { saveAccount } from '#app/features/accounts/accounts.server.ts'
import { requestConnection, respondToConnection } from '#app/features/accounts/connections.server.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { createCategory } from '#app/features/listings/categories.server.ts'
import { listingInput } from '#app/features/listings/test-helpers.ts'
import { inviteMember } from '#app/features/orgs/team.server.ts'
import { updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'
import { dismissOnboarding, getOnboarding, homeChecklist, listOnboarding } from '#app/features/onboarding/onboarding.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
let fresh: Awaited<ReturnType<typeof createPartner>>
let other: Awaited<ReturnType<typeof createPartner>>
let third: Awaited<ReturnType<typeof createPartner>>
let categoryId: string

async function expectDomainError(p: Promise<unknown>, code: DomainError['code'], message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a DomainError').toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  if (message) expect((error as DomainError).message).toMatch(message)
}

const doneKeys = async (actor = fresh.admin) => (await getOnboarding(actor)).steps.filter((s) => s.done).map((s) => s.key)

async function connect(a: typeof fresh, b: typeof fresh) {
  const conn = await requestConnection(a.admin, { partner: b.org.slug, share: { customer: 'counts', opportunity: 'none', prospect: 'none' } })
  await respondToConnection(b.admin, conn.id, { decision: 'accept', share: { customer: 'counts', opportunity: 'none', prospect: 'none' } })
}

beforeAll(async () => {
  vendor = await createVendor()
  categoryId = (await createCategory(vendor.admin, { name: 'Cloud migration', position: 1 })).id
  // createPartner adds an admin and a member: this one starts with its admin alone.
  fresh = await createPartner({ name: 'Freshly Approved', approvedAt: new Date() })
  const { memberships } = await import('#db/schema/index.ts')
  await db.delete(memberships).where(eq(memberships.userId, fresh.member.userId))
  other = await createPartner({ name: 'Other Partner', industries: ['healthcare'], regions: ['EMEA'] })
  third = await createPartner({ name: 'Third Partner', industries: ['healthcare'], regions: ['EMEA'] })
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  await engine.upsert(await partnerDocuments(db))
})

describe('onboarding checklist', () => {
  it('starts with nothing done, and each step turns done from the data the product holds', async () => {
    const start = await getOnboarding(fresh.admin)
    expect(start.steps.map((s) => s.key)).toEqual(['profile', 'listing', 'accounts', 'connections', 'team'])
    expect(start).toMatchObject({ done: 0, total: 5, complete: false, dismissed: false })
    expect(start.steps.find((s) => s.key === 'connections')!.detail).toBe('0 of 2 connected')

    await updateOwnProfile(fresh.admin, {
      tagline: 'Cloud for clinics',
      description: 'We move clinics to the cloud.',
      website: 'https://fresh.example.com',
      regions: ['EMEA'],
      industries: ['healthcare'],
      skills: ['AWS'],
    })
    expect(await doneKeys()).toEqual(['profile'])

    await saveAccount(fresh.admin, { name: 'Contoso', domain: 'contoso-onboard.example.com', population: 'customer' })
    expect(await doneKeys()).toEqual(['profile', 'accounts'])

    const listing = await createListing(fresh.admin, listingInput({ title: 'Clinic cloud move', categoryIds: [categoryId] }))
    await submitListing(fresh.admin, listing.id)
    expect(await doneKeys(), 'a listing in review is not published yet').toEqual(['profile', 'accounts'])
    await approveListing(vendor.admin, listing.id)
    expect(await doneKeys()).toEqual(['profile', 'listing', 'accounts'])

    await connect(fresh, other)
    const one = await getOnboarding(fresh.admin)
    expect(one.steps.find((s) => s.key === 'connections')).toMatchObject({ done: false, detail: '1 of 2 connected' })
    await connect(third, fresh)
    expect(await doneKeys()).toEqual(['profile', 'listing', 'accounts', 'connections'])

    await expectDomainError(dismissOnboarding(fresh.admin), 'conflict', /invite your team/)
    await inviteMember(fresh.admin, fresh.org.id, { email: 'colleague@fresh.example.com', role: 'partner_member' })
    const end = await getOnboarding(fresh.admin)
    expect(end).toMatchObject({ done: 5, complete: true })
  })

  it('a partner reads only its own progress; the vendor team reads everyone’s', async () => {
    await expectDomainError(getOnboarding(other.admin, fresh.org.id), 'forbidden', /only your own/)
    await expectDomainError(getOnboarding(other.member, fresh.org.id), 'forbidden')
    expect((await getOnboarding(vendor.member, fresh.org.id)).orgId).toBe(fresh.org.id)
    await expectDomainError(listOnboarding(other.admin), 'forbidden')
  })

  it('suggests partners to connect with from find-a-partner, never itself or partners already connected', async () => {
    const lonely = await createPartner({ name: 'Lonely Partner', industries: ['healthcare'], regions: ['EMEA'] })
    const engine = new PostgresSearchEngine()
    setSearchEngine(engine)
    await engine.upsert(await partnerDocuments(db))
    await connect(lonely, other)
    const checklist = await homeChecklist(lonely.admin)
    const names = checklist!.suggestions.map((s) => s.name)
    expect(names.length).toBeGreaterThan(0)
    expect(names).not.toContain('Lonely Partner')
    expect(names).not.toContain('Other Partner')
    expect(checklist!.suggestions[0]!.reason).toMatch(/industry|region|Active/)
  })

  it('the finished checklist can be put away once, with an event; the vendor team has no checklist', async () => {
    expect(await homeChecklist(fresh.member)).not.toBeNull()
    // An established partner (approved long ago) with everything done is not greeted as new.
    await db
      .update(organizations)
      .set({ approvedAt: new Date('2025-01-01T00:00:00Z') })
      .where(eq(organizations.id, fresh.org.id))
    expect(await homeChecklist(fresh.member)).toBeNull()
    await db.update(organizations).set({ approvedAt: new Date() }).where(eq(organizations.id, fresh.org.id))
    await dismissOnboarding(fresh.member)
    await dismissOnboarding(fresh.admin)
    expect(await homeChecklist(fresh.admin)).toBeNull()
    const events = await db.select().from(domainEvents).where(eq(domainEvents.type, 'onboarding.dismissed'))
    expect(events).toHaveLength(1)
    expect(await homeChecklist(vendor.admin)).toBeNull()
    await expectDomainError(dismissOnboarding(vendor.admin), 'forbidden')
  })

  it("the vendor's list sorts by least progress, pages, and follows the steps the vendor turned on", async () => {
    const list = await listOnboarding(vendor.member, { sort: 'progress' })
    const dones = list.partners.map((p) => p.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(list.partners.at(-1)!.name).toBe('Freshly Approved')
    expect(list.total).toBeGreaterThanOrEqual(4)
    expect(list.partners.find((p) => p.name === 'Freshly Approved')!.lastActivityAt).toBeInstanceOf(Date)
    const paged = await listOnboarding(vendor.member, { sort: 'name', page: 2 })
    expect(paged.partners).toEqual([])
    expect(paged.total).toBe(list.total)

    await updateVendorSettings(vendor.admin, { remindAfterHours: '48', expireAfterHours: '120', feeType: 'none', onboardingSteps: ['profile', 'team'] })
    expect((await getOnboarding(other.admin)).steps.map((s) => s.key)).toEqual(['profile', 'team'])
    const after = await listOnboarding(vendor.member, { sort: 'progress' })
    expect(after.partners.every((p) => p.total === 2)).toBe(true)
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'vendor_settings.updated'))).toHaveLength(1)
  })
})
