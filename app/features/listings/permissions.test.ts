import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { listings, listingVersions, organizations } from '#db/schema/index.ts'
import { createPartner, createUserIn } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { createCategory, deleteCategory, updateCategory } from '#app/features/listings/categories.server.ts'
import { decideIntegration } from '#app/features/listings/integrations.server.ts'
import {
  approveListing,
  archiveListing,
  createListing,
  discardDraft,
  getListingForOwner,
  rejectListing,
  restoreListing,
  reviewItem,
  reviewQueue,
  saveListingDraft,
  setFeatured,
  submitListing,
  withdrawListing,
} from '#app/features/listings/listings.server.ts'
import { getListingPage } from '#app/features/listings/public.server.ts'
import { updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'

useTempStorage()
let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
let owner: Awaited<ReturnType<typeof createPartner>>
let other: Awaited<ReturnType<typeof createPartner>>
let draftId: string
let reviewId: string
let integrationId: string

async function code(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e, 'expected a DomainError').toBeInstanceOf(DomainError)
  return (e as DomainError).code
}

beforeAll(async () => {
  ctx = await vendorWithCategories()
  owner = await createPartner({ name: 'Owner Partner' })
  other = await createPartner({ name: 'Other Partner' })
  const input = (o: Record<string, unknown>) => listingInput({ categoryIds: [ctx.categories.security.id], ...o })
  draftId = (await createListing(owner.admin, input({ slug: 'owner-draft' }))).id
  reviewId = (await createListing(owner.admin, input({ slug: 'owner-in-review' }))).id
  await submitListing(owner.admin, reviewId)
  const integ = await createListing(owner.admin, input({ slug: 'owner-integration', kind: 'integration', counterpartOrgId: ctx.vendor.org.id }))
  await submitListing(owner.admin, integ.id)
  integrationId = (await approveListing(ctx.vendor.admin, integ.id)).integration!.id
})

describe("another org's partner", () => {
  it('cannot see, edit, submit, withdraw, discard, archive or restore the listing (404)', async () => {
    const input = listingInput({ categoryIds: [ctx.categories.security.id] })
    for (const actor of [other.admin, other.member]) {
      expect(await code(getListingForOwner(actor, draftId))).toBe('not_found')
      expect(await code(getListingPage(actor, 'owner-draft'))).toBe('not_found')
      expect(await code(getListingPage(actor, 'owner-in-review'))).toBe('not_found')
      expect(await code(saveListingDraft(actor, draftId, input))).toBe('not_found')
      expect(await code(submitListing(actor, draftId))).toBe('not_found')
      expect(await code(withdrawListing(actor, reviewId))).toBe('not_found')
      expect(await code(discardDraft(actor, reviewId))).toBe('not_found')
      expect(await code(archiveListing(actor, draftId))).toBe('not_found')
      expect(await code(restoreListing(actor, draftId))).toBe('not_found')
    }
    expect(await code(getListingPage(null, 'owner-draft'))).toBe('not_found')
    const [row] = await db.select().from(listings).where(eq(listings.id, draftId))
    expect(row!.status).toBe('draft')
    const [v] = await db.select().from(listingVersions).where(eq(listingVersions.listingId, draftId))
    expect(v!.title).toBe('Cloud migration assessment')
  })

  it('cannot approve, reject, feature or see the review queue (403)', async () => {
    for (const actor of [other.admin, owner.admin, owner.member]) {
      expect(await code(approveListing(actor, reviewId))).toBe('forbidden')
      expect(await code(rejectListing(actor, reviewId, { intent: 'reject', reason: 'Not good enough for us.' }))).toBe('forbidden')
      expect(await code(setFeatured(actor, reviewId, true))).toBe('forbidden')
      expect(await code(reviewQueue(actor))).toBe('forbidden')
      expect(await code(reviewItem(actor, reviewId))).toBe('forbidden')
    }
    const [row] = await db.select().from(listings).where(eq(listings.id, reviewId))
    expect(row!.status).toBe('in_review')
  })

  it('cannot manage categories; only vendor admins can', async () => {
    for (const actor of [other.admin, ctx.vendor.member]) {
      expect(await code(createCategory(actor, { name: 'Sneaky' }))).toBe('forbidden')
      expect(await code(updateCategory(actor, ctx.categories.security.id, { name: 'Renamed' }))).toBe('forbidden')
      expect(await code(deleteCategory(actor, ctx.categories.security.id))).toBe('forbidden')
    }
  })

  it('cannot confirm an integration with somebody else’s product', async () => {
    expect(await code(decideIntegration(other.admin, { integrationId, decision: 'confirm' }))).toBe('not_found')
    expect(await code(decideIntegration(owner.admin, { integrationId, decision: 'confirm' }))).toBe('not_found')
    // The vendor is the counterpart here: its admins decide.
    expect(await code(decideIntegration(ctx.vendor.member, { integrationId, decision: 'confirm' }))).toBe('forbidden')
    expect((await decideIntegration(ctx.vendor.admin, { integrationId, decision: 'confirm' })).status).toBe('confirmed')
  })

  it('members cannot edit the company profile; admins edit only their own', async () => {
    expect(await code(updateOwnProfile(owner.member, { tagline: 'Hijacked' }))).toBe('forbidden')
    await updateOwnProfile(other.admin, { tagline: 'Our own tagline', skills: 'AWS, Azure' })
    const [o] = await db.select().from(organizations).where(eq(organizations.id, owner.org.id))
    expect(o!.tagline).toBeNull()
    const [mine] = await db.select().from(organizations).where(eq(organizations.id, other.org.id))
    expect(mine!.skills).toEqual(['AWS', 'Azure'])
  })
})

describe("the vendor's team", () => {
  it('vendor members approve and reject; the vendor sees drafts but cannot edit them', async () => {
    expect((await getListingPage(ctx.vendor.member, 'owner-draft')).isPublic).toBe(false)
    expect((await getListingForOwner(ctx.vendor.member, draftId)).canEdit).toBe(false)
    expect(await code(saveListingDraft(ctx.vendor.admin, draftId, listingInput({ categoryIds: [ctx.categories.security.id] })))).toBe('not_found')
    await rejectListing(ctx.vendor.member, reviewId, { intent: 'reject', reason: 'Add pricing details please.' })
    const [row] = await db.select().from(listings).where(eq(listings.id, reviewId))
    expect(row!.status).toBe('rejected')
  })

  it('a partner that is not yet approved cannot create listings', async () => {
    const applicant = await createPartner({ name: 'Applicant Co', status: 'applicant' })
    expect(await code(createListing(applicant.admin, listingInput({ categoryIds: [ctx.categories.security.id], slug: 'applicant-listing' })))).toBe('forbidden')
  })

  it('a partner member cannot archive (admins only), but can edit and submit', async () => {
    const member = await createUserIn(owner.org.id, 'partner_member')
    expect(await code(archiveListing(member, draftId))).toBe('forbidden')
    await submitListing(member, draftId)
    const [row] = await db.select().from(listings).where(eq(listings.id, draftId))
    expect(row!.status).toBe('in_review')
  })

  it('a listing the vendor took down stays down: only the vendor restores it; a listing the partner archived, only the partner restores', async () => {
    const input = listingInput({ categoryIds: [ctx.categories.security.id], slug: 'taken-down' })
    const { id } = await createListing(owner.admin, input)
    await submitListing(owner.admin, id)
    await approveListing(ctx.vendor.admin, id)
    await archiveListing(ctx.vendor.member, id)
    expect(await code(restoreListing(owner.admin, id))).toBe('forbidden')
    expect((await restoreListing(ctx.vendor.admin, id)).status).toBe('published')

    await archiveListing(owner.admin, id)
    expect(await code(restoreListing(ctx.vendor.admin, id))).toBe('forbidden')
    expect((await restoreListing(owner.admin, id)).status).toBe('published')
  })
})
