import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { auditLog, domainEvents, integrations, listings, listingVersions, mailMessages, notifications } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { decideIntegration, integrationsDirectory, integrationsOfOrg } from '#app/features/listings/integrations.server.ts'
import {
  approveListing,
  archiveListing,
  createListing,
  getListingForOwner,
  rejectListing,
  restoreListing,
  reviewItem,
  reviewQueue,
  saveListingDraft,
  submitListing,
  withdrawListing,
} from '#app/features/listings/listings.server.ts'
import { categoryPage, getListingPage, marketplaceHome } from '#app/features/listings/public.server.ts'
import { sitemapRoot } from '#app/features/listings/sitemap.server.ts'
import { getPartnerPage } from '#app/features/listings/profiles.server.ts'
import { listingInput, pngImage, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'

const store = useTempStorage()
let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
let northwind: Awaited<ReturnType<typeof createPartner>>
let bluepeak: Awaited<ReturnType<typeof createPartner>>

beforeAll(async () => {
  ctx = await vendorWithCategories()
  northwind = await createPartner({ name: 'Northwind Systems' })
  bluepeak = await createPartner({ name: 'Bluepeak Cloud', partnerType: 'technology' })
})

const input = (o: Record<string, unknown> = {}) => listingInput({ categoryIds: [ctx.categories.saas.id], ...o })

async function sitemapPaths() {
  const root = await sitemapRoot()
  return 'urls' in root ? root.urls.map((u) => u.path) : []
}

async function expectCode(p: Promise<unknown>, code: DomainError['code']) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, `expected DomainError ${code}`).toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  return error as DomainError
}

describe('listing lifecycle', () => {
  it('shows industries and regions in the review diff by their labels, not their stored values', async () => {
    const created = await createListing(bluepeak.admin, input({ slug: 'bp-labels-in-diff', industries: ['financial_services', 'public_sector'], regions: ['NA', 'EMEA'] }))
    await submitListing(bluepeak.admin, created.id)
    const item = await reviewItem(ctx.vendor.admin, created.id)
    const industries = item.changes.find((c) => c.field === 'industries')!
    const regions = item.changes.find((c) => c.field === 'regions')!
    expect(industries.after).toBe('Financial services, Public sector')
    expect(regions.after).toBe('North America, Europe, Middle East and Africa')
    expect(regions.parts!.map((p) => p.value)).toEqual(['North America', 'Europe, Middle East and Africa'])
  })

  it('goes draft → in review → published, and an edit goes through review while the old version stays live', async () => {
    const shot = await pngImage()
    const created = await createListing(northwind.admin, input({ slug: 'nw-cloud-assessment' }), {
      logo: { filename: 'logo.png', data: await pngImage(300, 300, '#ff8800') },
      screenshots: [{ filename: 'shot.png', data: shot }],
    })
    let view = await getListingForOwner(northwind.admin, created.id)
    expect(view.listing.status).toBe('draft')
    expect(view.draft!.screenshots).toHaveLength(1)
    expect(view.draft!.logoKey).toMatch(/\.webp$/)
    expect(store.files().length).toBe(2)
    expect(view.draft!.bodyHtml).toContain('rel="nofollow noopener noreferrer ugc"')

    // Not public yet: 404 for anonymous and for another partner, visible to its org and the vendor.
    await expectCode(getListingPage(null, 'nw-cloud-assessment'), 'not_found')
    await expectCode(getListingPage(bluepeak.admin, 'nw-cloud-assessment'), 'not_found')
    expect((await getListingPage(northwind.member, 'nw-cloud-assessment')).isPublic).toBe(false)
    expect((await getListingPage(ctx.vendor.member, 'nw-cloud-assessment')).isPublic).toBe(false)

    await submitListing(northwind.member, created.id)
    await expectCode(submitListing(northwind.member, created.id), 'conflict')
    const queue = await reviewQueue(ctx.vendor.member)
    expect(queue.rows.map((r) => r.listingId)).toContain(created.id)
    const item = await reviewItem(ctx.vendor.member, created.id)
    expect(item.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['title', 'summary', 'body', 'categories']))

    expect((await marketplaceHome()).newest.map((c) => c.slug)).not.toContain('nw-cloud-assessment')
    await approveListing(ctx.vendor.member, created.id)
    const live = await getListingPage(null, 'nw-cloud-assessment')
    expect(live.isPublic).toBe(true)
    expect(live.listing.title).toBe('Cloud migration assessment')
    // The kept marketplace home follows the public-content version the approval bumped.
    const home = await marketplaceHome()
    expect(home.newest.map((c) => c.slug)).toContain('nw-cloud-assessment')
    expect(home.categories.find((c) => c.id === ctx.categories.saas.id)?.count).toBe(1)
    expect((await categoryPage(ctx.categories.saas.slug)).rows.map((r) => r.slug)).toContain('nw-cloud-assessment')
    expect((await getPartnerPage(null, northwind.org.slug)).listings.rows.map((r) => r.slug)).toContain('nw-cloud-assessment')
    expect(await sitemapPaths()).toContain('/listings/nw-cloud-assessment')

    // The partner hears about it in the app and by mail.
    await deliverPendingNotifications()
    const notes = await db.select().from(notifications).where(eq(notifications.userId, northwind.member.userId))
    expect(notes.map((n) => n.title)).toContain('“Cloud migration assessment” is live on the marketplace')
    const mails = await db.select().from(mailMessages).where(eq(mailMessages.to, northwind.admin.email))
    expect(mails.some((m) => m.subject.includes('is live'))).toBe(true)

    // Edit: a new draft version, the published one stays live.
    const edited = await saveListingDraft(northwind.admin, created.id, input({ title: 'Cloud migration assessment v2', removeScreenshots: [view.draft!.screenshots[0]!.key] }))
    expect(edited.number).toBe(2)
    expect((await getListingPage(null, 'nw-cloud-assessment')).listing.title).toBe('Cloud migration assessment')
    await submitListing(northwind.admin, created.id)
    const diff = await reviewItem(ctx.vendor.admin, created.id)
    expect(diff.changes.find((c) => c.field === 'title')?.parts?.some((p) => p.added && p.value.includes('v2'))).toBe(true)
    expect(diff.changes.find((c) => c.field === 'screenshots')).toBeTruthy()

    await rejectListing(ctx.vendor.admin, created.id, { intent: 'reject', reason: 'Please keep the version number out of the title.' })
    view = await getListingForOwner(northwind.admin, created.id)
    expect(view.listing.status).toBe('published')
    expect(view.draft!.status).toBe('rejected')
    expect(view.draft!.rejectionReason).toContain('version number')
    expect((await getListingPage(null, 'nw-cloud-assessment')).listing.title).toBe('Cloud migration assessment')
    await expectCode(submitListing(northwind.admin, created.id), 'conflict')

    await saveListingDraft(northwind.admin, created.id, input({ title: 'Cloud migration assessment and plan' }))
    await submitListing(northwind.admin, created.id)
    await approveListing(ctx.vendor.admin, created.id)
    expect((await getListingPage(null, 'nw-cloud-assessment')).listing.title).toBe('Cloud migration assessment and plan')
    const versions = await db.select().from(listingVersions).where(eq(listingVersions.listingId, created.id))
    expect(versions.map((v) => `${v.number}:${v.status}`).sort()).toEqual(['1:superseded', '2:published'])

    // Every change wrote an event about the listing, and an audit row.
    const events = await db.select().from(domainEvents).where(eq(domainEvents.subjectId, created.id))
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['listing.created', 'listing.submitted', 'listing.published', 'listing.draft_saved', 'listing.rejected']))
    expect(events.every((e) => e.subjectType === 'listing')).toBe(true)
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectId, created.id))
    expect(audits.length).toBe(events.length)

    // Archive → 404 to the public; restore → live again.
    await archiveListing(northwind.admin, created.id)
    await expectCode(getListingPage(null, 'nw-cloud-assessment'), 'not_found')
    expect(await sitemapPaths()).not.toContain('/listings/nw-cloud-assessment')
    await restoreListing(northwind.admin, created.id)
    expect((await getListingPage(null, 'nw-cloud-assessment')).isPublic).toBe(true)
  })

  it('withdraws a version from review and lets it be edited again', async () => {
    const created = await createListing(northwind.admin, input({ slug: 'nw-withdraw-me' }))
    await submitListing(northwind.admin, created.id)
    await expectCode(saveListingDraft(northwind.admin, created.id, input({ title: 'Changed while in review' })), 'conflict')
    await withdrawListing(northwind.admin, created.id)
    const saved = await saveListingDraft(northwind.admin, created.id, input({ title: 'Changed after withdrawing' }))
    expect(saved.number).toBe(1)
    expect((await getListingForOwner(northwind.admin, created.id)).listing.status).toBe('draft')
  })

  it('a non-active partner’s listings are not public', async () => {
    const suspended = await createPartner({ name: 'Gone Quiet Ltd' })
    const created = await createListing(suspended.admin, input({ slug: 'quiet-listing' }))
    await submitListing(suspended.admin, created.id)
    await approveListing(ctx.vendor.admin, created.id)
    expect((await getListingPage(null, 'quiet-listing')).isPublic).toBe(true)
    await db.execute(sql`update organizations set status = 'suspended' where id = ${suspended.org.id}`)
    await expectCode(getListingPage(null, 'quiet-listing'), 'not_found')
    await expectCode(getPartnerPage(null, suspended.org.slug), 'not_found')
    await expectCode(getPartnerPage(bluepeak.member, suspended.org.slug), 'not_found')
    expect((await getPartnerPage(ctx.vendor.member, suspended.org.slug)).isPublic).toBe(false)
  })
})

describe('moderation flags', () => {
  it('flags keyword stuffing and near-duplicates of another partner’s listing, not of one’s own', async () => {
    const body =
      'We migrate workloads to the cloud with a proven method: discovery, wave planning, landing zone, cutover and hypercare. Our team has moved hundreds of applications for hospitals and banks.'
    const original = await createListing(
      bluepeak.admin,
      input({ slug: 'bp-original', title: 'Workload migration factory', summary: 'Move hundreds of workloads to the cloud with a proven factory method.', body }),
    )
    await submitListing(bluepeak.admin, original.id)
    await approveListing(ctx.vendor.admin, original.id)

    const copy = await createListing(
      northwind.admin,
      input({ slug: 'nw-copy', title: 'Our workload migration factory', summary: 'Move hundreds of workloads to the cloud with a proven factory method!', body }),
    )
    const { flags } = await submitListing(northwind.admin, copy.id)
    expect(flags.nearDuplicates?.[0]?.slug).toBe('bp-original')
    expect(flags.nearDuplicates?.[0]?.similarity).toBeGreaterThan(0.55)

    // Bluepeak re-using its own text is not flagged as a copy.
    const own = await createListing(
      bluepeak.admin,
      input({ slug: 'bp-own-variant', title: 'Workload migration factory (EMEA)', summary: 'Move hundreds of workloads to the cloud with a proven factory method.', body }),
    )
    expect((await submitListing(bluepeak.admin, own.id)).flags.nearDuplicates).toBeUndefined()

    const stuffed = await createListing(
      northwind.admin,
      input({
        slug: 'nw-stuffed',
        title: 'Cloud cloud migration, cloud security, cloud backup, cloud AI, cloud',
        summary: 'Cloud services for cloud customers who need cloud.',
        body: 'cloud '.repeat(40),
      }),
    )
    const s = await submitListing(northwind.admin, stuffed.id)
    expect(s.flags.keywordStuffing?.longTitle).toBe(true)
    expect(s.flags.keywordStuffing?.terms[0]?.term).toBe('cloud')
    const queue = await reviewQueue(ctx.vendor.admin)
    expect(queue.rows.find((r) => r.listingId === stuffed.id)?.flags.keywordStuffing).toBeTruthy()
  })
})

describe('integrations', () => {
  it('only the counterpart confirms; confirmed integrations show on both profiles and in the directory', async () => {
    const created = await createListing(northwind.admin, input({ kind: 'integration', slug: 'nw-bluepeak-connector', title: 'Bluepeak connector', counterpartOrgId: bluepeak.org.id }))
    await submitListing(northwind.admin, created.id)
    const { integration } = await approveListing(ctx.vendor.admin, created.id)
    expect(integration?.status).toBe('pending')
    await deliverPendingNotifications()
    const bell = await db.select().from(notifications).where(eq(notifications.userId, bluepeak.admin.userId))
    expect(bell.some((n) => n.kind === 'listing' && n.link === '/manage/integrations')).toBe(true)

    await expectCode(decideIntegration(northwind.admin, { integrationId: integration!.id, decision: 'confirm' }), 'not_found')
    await expectCode(decideIntegration(ctx.vendor.admin, { integrationId: integration!.id, decision: 'confirm' }), 'not_found')
    await expectCode(decideIntegration(bluepeak.member, { integrationId: integration!.id, decision: 'confirm' }), 'forbidden')
    expect((await integrationsOfOrg(bluepeak.org.id)).length).toBe(0)

    await decideIntegration(bluepeak.admin, { integrationId: integration!.id, decision: 'confirm' })
    expect((await getPartnerPage(null, bluepeak.org.slug)).integrations.map((i) => i.listingSlug)).toContain('nw-bluepeak-connector')
    expect((await getPartnerPage(null, northwind.org.slug)).integrations.map((i) => i.listingSlug)).toContain('nw-bluepeak-connector')
    expect((await integrationsDirectory()).rows.map((r) => r.listingSlug)).toContain('nw-bluepeak-connector')
    const ev = await db.select().from(domainEvents).where(eq(domainEvents.subjectId, integration!.id))
    expect(ev.map((e) => `${e.subjectType}:${e.type}`)).toEqual(['integration:integration.requested', 'integration:integration.confirmed'])

    await decideIntegration(bluepeak.admin, { integrationId: integration!.id, decision: 'decline', note: 'We no longer support this API.' })
    expect((await integrationsDirectory()).rows.map((r) => r.listingSlug)).not.toContain('nw-bluepeak-connector')
    const [row] = await db.select().from(integrations).where(eq(integrations.id, integration!.id))
    expect(row!.status).toBe('declined')
  })

  it('refuses an integration with one’s own org or without a counterpart', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(listings)
    await expectCode(createListing(northwind.admin, input({ kind: 'integration', slug: 'self-integration', counterpartOrgId: northwind.org.id })), 'invalid')
    const e = await expectCode(createListing(northwind.admin, input({ kind: 'integration', slug: 'no-counterpart' })), 'invalid')
    expect(e.fieldErrors?.counterpartOrgId?.[0]).toMatch(/partner/)
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(listings)
    expect(after[0]!.n).toBe(before[0]!.n)
  })
})

describe('queue ages', () => {
  it('reports each item’s age in hours, oldest first', async () => {
    const a = await createListing(bluepeak.admin, input({ slug: 'bp-aged', title: 'An aged submission' }))
    await submitListing(bluepeak.admin, a.id)
    await queryRows(db, sql`update listing_versions set submitted_at = now() - interval '50 hours' where listing_id = ${a.id}`)
    const q = await reviewQueue(ctx.vendor.admin)
    expect(q.rows[0]!.listingId).toBe(a.id)
    expect(q.rows[0]!.ageHours).toBeGreaterThan(49)
  })
})

describe('screenshot descriptions', () => {
  it('saves the alt text the partner writes for each screenshot, keeps the default when left blank, and refuses an over-long one', async () => {
    const created = await createListing(northwind.admin, input({ slug: 'alt-text-listing' }), {
      screenshots: [
        { filename: 'a.png', data: await pngImage(800, 500, '#123456') },
        { filename: 'b.png', data: await pngImage(800, 500, '#654321') },
      ],
    })
    const [first, second] = (await getListingForOwner(northwind.admin, created.id)).draft!.screenshots
    await saveListingDraft(
      northwind.admin,
      created.id,
      input({ slug: 'alt-text-listing', screenshotAlts: [{ key: first!.key, alt: 'The migration dashboard with three waves planned' }, { key: second!.key }] }),
    )
    const saved = (await getListingForOwner(northwind.admin, created.id)).draft!.screenshots
    expect(saved.map((s) => s.alt)).toEqual(['The migration dashboard with three waves planned', second!.alt])

    const error = await saveListingDraft(northwind.admin, created.id, input({ slug: 'alt-text-listing', screenshotAlts: [{ key: first!.key, alt: 'x'.repeat(201) }] })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect((await getListingForOwner(northwind.admin, created.id)).draft!.screenshots[0]!.alt).toBe('The migration dashboard with three waves planned')
  })
})
