import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type Queryable, type Tx } from '#db/client.server.ts'
import { isUniqueViolation } from '#db/errors.ts'
import { INDUSTRY_LABELS, REGION_LABELS, type Industry, type Region } from '#db/vocab.ts'
import { integrations, listingCategories, listings, listingVersions, organizations, type ListingScreenshot } from '#db/schema/index.ts'
import { assertOrgMayAct, assertOrgAdmin, assertVendor, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent, type NewEvent } from '#app/features/events/outbox.server.ts'
import type { EventPayloadInput, EventType } from '#app/features/events/catalog.ts'
import { conflict, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { MAX_SCREENSHOTS } from '#app/features/listings/images.server.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { computeFlags, diffVersions } from '#app/features/listings/moderation.server.ts'
import { ApproveSchema, ListingFormSchema, PRICING_LABELS, RejectSchema, slugify, type ListingFormInput } from '#app/features/listings/schemas.ts'
import { recordImages, storeImages, withCleanup } from '#app/features/listings/shared.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

export type ListingRow = typeof listings.$inferSelect
export type VersionRow = typeof listingVersions.$inferSelect
export type ImageFile = { filename: string; data: Buffer }
export type ListingUploads = { logo?: ImageFile | null; screenshots?: ImageFile[] }

type ListingEventType = Extract<EventType, `listing.${string}`>
const event = <K extends ListingEventType>(actor: Actor, type: K, listing: Pick<ListingRow, 'id' | 'orgId' | 'slug' | 'kind'>, payload: Omit<EventPayloadInput<K>, 'slug' | 'kind'>, vendor = false) =>
  ({
    type,
    actorId: actor.userId,
    orgId: listing.orgId,
    subjectType: 'listing',
    subjectId: listing.id,
    payload: { slug: listing.slug, kind: listing.kind, ...payload },
    audience: { orgs: [listing.orgId], vendor },
  }) as NewEvent<K>

async function lockListing(tx: Tx, id: string) {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('update')
  return row ?? null
}

async function versionById(q: Queryable, id: string | null) {
  if (!id) return null
  const [row] = await q.select().from(listingVersions).where(eq(listingVersions.id, id))
  return row ?? null
}

/** The owning org may work on its listing; everybody else gets not-found (the vendor may look, not edit). */
function assertOwner(actor: Actor, listing: ListingRow | null): asserts listing is ListingRow {
  if (!listing || listing.orgId !== actor.orgId) throw notFound('We could not find that listing.')
}

async function checkReferences(q: Queryable, actor: Actor, input: ListingFormInput) {
  const ids = [...new Set(input.categoryIds)]
  const found = ids.length ? await q.select({ id: listingCategories.id }).from(listingCategories).where(inArray(listingCategories.id, ids)) : []
  if (found.length !== ids.length) throw invalid('One of the chosen categories no longer exists. Pick again.', { categoryIds: ['Pick categories from the list.'] })
  if (input.kind === 'integration') {
    const [org] = await q.select().from(organizations).where(eq(organizations.id, input.counterpartOrgId!))
    if (!org || (org.kind === 'partner' && org.status !== 'active')) {
      throw invalid('Pick an active partner or the vendor as the integration partner.', { counterpartOrgId: ['Pick an active partner or the vendor.'] })
    }
    if (org.id === actor.orgId) throw invalid('An integration links your product with another company’s.', { counterpartOrgId: ['Pick another company, not your own.'] })
  }
}

function slugTaken(): never {
  throw conflict('That slug is already used by another listing. Choose a different one.', { slug: ['This slug is taken; choose another.'] })
}

async function ensureSlugFree(q: Queryable, slug: string, exceptId?: string) {
  const [row] = await q.select({ id: listings.id }).from(listings).where(eq(listings.slug, slug))
  if (row && row.id !== exceptId) slugTaken()
}

function versionValues(input: ListingFormInput) {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
    categoryIds: [...new Set(input.categoryIds)],
    industries: [...new Set(input.industries)],
    regions: [...new Set(input.regions)],
    pricingModel: input.pricingModel,
    pricingDetails: input.pricingDetails ?? null,
    counterpartOrgId: input.kind === 'integration' ? input.counterpartOrgId! : null,
  }
}

async function prepareImages(actor: Actor, uploads: ListingUploads, keptScreenshots: number) {
  const shots = uploads.screenshots ?? []
  if (keptScreenshots + shots.length > MAX_SCREENSHOTS) {
    throw invalid(`A listing can show at most ${MAX_SCREENSHOTS} screenshots. Remove some before adding more.`, {
      screenshots: [`At most ${MAX_SCREENSHOTS} screenshots.`],
    })
  }
  const items = [
    ...(uploads.logo ? [{ kind: 'listing_logo' as const, role: 'logo' as const, label: `The logo (${uploads.logo.filename})`, data: uploads.logo.data }] : []),
    ...shots.map((s, i) => ({ kind: 'screenshot' as const, role: 'screenshot' as const, label: `Screenshot ${i + 1} (${s.filename})`, data: s.data })),
  ]
  return storeImages(actor.orgId, items)
}

/** A new listing with its first draft version. */
export async function createListing(actor: Actor, rawInput: unknown, uploads: ListingUploads = {}) {
  const input = parseOrThrow(ListingFormSchema, rawInput)
  assertOrgMayAct(actor, 'publish listings')
  const slug = input.slug ?? slugify(input.title)
  if (slug.length < 3) throw invalid('Choose a slug for the address of this listing.', { slug: ['Choose a slug of at least 3 characters.'] })
  await checkReferences(db, actor, input)
  await ensureSlugFree(db, slug)
  const { images, cleanup } = await prepareImages(actor, uploads, 0)
  return withCleanup(cleanup, async () => {
    try {
      return await db.transaction(async (tx) => {
        const [listing] = await tx.insert(listings).values({ orgId: actor.orgId, kind: input.kind, slug, status: 'draft', createdBy: actor.userId }).returning()
        await recordImages(tx, actor.orgId, actor.userId, images)
        const logo = images.find((i) => i.kind === 'listing_logo')
        const screenshots: ListingScreenshot[] = images
          .filter((i) => i.kind === 'screenshot')
          .map((i, n) => ({ mediaId: i.id, key: i.key, alt: `${input.title} — screenshot ${n + 1}`, width: i.width, height: i.height }))
        const [version] = await tx
          .insert(listingVersions)
          .values({ listingId: listing!.id, number: 1, status: 'draft', ...versionValues(input), logoKey: logo?.key ?? null, screenshots, createdBy: actor.userId })
          .returning()
        await tx.update(listings).set({ draftVersionId: version!.id }).where(eq(listings.id, listing!.id))
        await recordEvent(tx, event(actor, 'listing.created', listing!, { version: 1, title: input.title }))
        return { id: listing!.id, slug, versionId: version!.id }
      })
    } catch (error) {
      if (isUniqueViolation(error)) slugTaken()
      throw error
    }
  })
}

/**
 * Saves the editor form. A draft or rejected version is updated in place; a published listing
 * with nothing pending gets a new draft version while the published one stays live.
 */
export async function saveListingDraft(actor: Actor, listingId: string, rawInput: unknown, uploads: ListingUploads = {}) {
  const input = parseOrThrow(ListingFormSchema, rawInput)
  assertOrgMayAct(actor, 'publish listings')
  const [current] = await db.select().from(listings).where(eq(listings.id, listingId))
  assertOwner(actor, current ?? null)
  if (current!.status === 'archived') throw conflict('This listing is archived. Restore it before editing.')
  const working = await versionById(db, current!.draftVersionId)
  if (working?.status === 'in_review') throw conflict('This version is waiting for review. Withdraw it from review to make changes.')
  const base = working ?? (await versionById(db, current!.publishedVersionId))
  const everPublished = Boolean(current!.publishedVersionId)
  if (everPublished && input.kind !== current!.kind) throw invalid('The kind of a published listing cannot change.', { kind: ['Kind is fixed once published.'] })
  const slug = everPublished ? current!.slug : (input.slug ?? current!.slug)
  await checkReferences(db, actor, input)
  if (slug !== current!.slug) await ensureSlugFree(db, slug, current!.id)
  const remove = new Set(input.removeScreenshots)
  const alts = new Map(input.screenshotAlts.map((a) => [a.key, a.alt]))
  const kept = (base?.screenshots ?? []).filter((s) => !remove.has(s.key)).map((s) => ({ ...s, alt: alts.get(s.key) || s.alt }))
  const { images, cleanup } = await prepareImages(actor, uploads, kept.length)
  return withCleanup(cleanup, async () => {
    try {
      return await db.transaction(async (tx) => {
        const listing = await lockListing(tx, listingId)
        assertOwner(actor, listing)
        if (listing.draftVersionId !== current!.draftVersionId || listing.status !== current!.status) {
          throw conflict('This listing changed while you were editing it. Reload the page and try again.')
        }
        await recordImages(tx, actor.orgId, actor.userId, images)
        const newLogo = images.find((i) => i.kind === 'listing_logo')
        const logoKey = newLogo ? newLogo.key : input.removeLogo ? null : (base?.logoKey ?? null)
        const screenshots: ListingScreenshot[] = [
          ...kept,
          ...images.filter((i) => i.kind === 'screenshot').map((i, n) => ({ mediaId: i.id, key: i.key, alt: `${input.title} — screenshot ${kept.length + n + 1}`, width: i.width, height: i.height })),
        ]
        const values = { ...versionValues(input), logoKey, screenshots, updatedAt: new Date() }
        let versionId: string
        let number: number
        if (working && (working.status === 'draft' || working.status === 'rejected')) {
          await tx
            .update(listingVersions)
            .set({ ...values, status: 'draft', rejectionReason: working.rejectionReason })
            .where(eq(listingVersions.id, working.id))
          versionId = working.id
          number = working.number
        } else {
          const [{ max }] = (await tx
            .select({ max: sql<number>`coalesce(max(${listingVersions.number}), 0)::int` })
            .from(listingVersions)
            .where(eq(listingVersions.listingId, listing.id))) as [{ max: number }]
          number = Number(max) + 1
          const [created] = await tx
            .insert(listingVersions)
            .values({ listingId: listing.id, number, status: 'draft', ...values, createdBy: actor.userId })
            .returning({ id: listingVersions.id })
          versionId = created!.id
        }
        const status = everPublished ? listing.status : 'draft'
        await tx.update(listings).set({ slug, kind: input.kind, draftVersionId: versionId, status, updatedAt: new Date() }).where(eq(listings.id, listing.id))
        await recordEvent(tx, event(actor, 'listing.draft_saved', { ...listing, slug }, { version: number, title: input.title }))
        return { id: listing.id, slug, versionId, number }
      })
    } catch (error) {
      if (isUniqueViolation(error)) slugTaken()
      throw error
    }
  })
}

/** Sends the working version to the vendor's review queue, with moderation flags computed now. */
export async function submitListing(actor: Actor, listingId: string) {
  assertOrgMayAct(actor, 'publish listings')
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    assertOwner(actor, listing)
    if (listing.status === 'archived') throw conflict('This listing is archived. Restore it first.')
    const version = await versionById(tx, listing.draftVersionId)
    if (!version) throw conflict('There are no changes to submit. Edit the listing first.')
    if (version.status === 'in_review') throw conflict('This version is already waiting for review.')
    if (version.status !== 'draft' && version.status !== 'rejected') throw conflict('This version cannot be submitted.')
    if (version.status === 'rejected') throw conflict('This version was rejected. Change it to address the reason, then submit again.')
    if (version.categoryIds.length === 0) throw invalid('Pick at least one category before submitting.')
    if (listing.kind === 'integration' && !version.counterpartOrgId) throw invalid('Name the integration partner before submitting.')
    const flags = await computeFlags(tx, { listingId: listing.id, orgId: listing.orgId, title: version.title, summary: version.summary, body: version.body })
    const now = new Date()
    await tx.update(listingVersions).set({ status: 'in_review', submittedAt: now, submittedBy: actor.userId, flags, rejectionReason: null, updatedAt: now }).where(eq(listingVersions.id, version.id))
    if (!listing.publishedVersionId) await tx.update(listings).set({ status: 'in_review', updatedAt: now }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.submitted', listing, { version: version.number, title: version.title, flagged: Object.keys(flags).length > 0 }, true))
    return { versionId: version.id, flags }
  })
}

/** Takes a version back out of the queue to keep editing it. */
export async function withdrawListing(actor: Actor, listingId: string) {
  assertOrgMayAct(actor, 'change its listings')
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    assertOwner(actor, listing)
    const version = await versionById(tx, listing.draftVersionId)
    if (!version || version.status !== 'in_review') throw conflict('Nothing of this listing is waiting for review.')
    await tx.update(listingVersions).set({ status: 'draft', submittedAt: null, updatedAt: new Date() }).where(eq(listingVersions.id, version.id))
    if (!listing.publishedVersionId) await tx.update(listings).set({ status: 'draft', updatedAt: new Date() }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.withdrawn', listing, { version: version.number }, true))
  })
}

/** Drops the pending draft of a published listing; the published version stays as it is. */
export async function discardDraft(actor: Actor, listingId: string) {
  assertOrgMayAct(actor, 'change its listings')
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    assertOwner(actor, listing)
    if (!listing.publishedVersionId) throw conflict('This listing has never been published; archive it instead.')
    const version = await versionById(tx, listing.draftVersionId)
    if (!version) throw conflict('There is no draft to discard.')
    await tx.update(listingVersions).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(listingVersions.id, version.id))
    await tx.update(listings).set({ draftVersionId: null, updatedAt: new Date() }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.draft_discarded', listing, { version: version.number }, version.status === 'in_review'))
  })
}

/** Takes a listing off the marketplace: its org's admins or the vendor's team. */
export async function archiveListing(actor: Actor, listingId: string) {
  assertOrgMayAct(actor, 'change its listings')
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    if (!listing || (listing.orgId !== actor.orgId && !isVendor(actor))) throw notFound('We could not find that listing.')
    if (listing.orgId === actor.orgId) assertOrgAdmin(actor, 'Only an admin of your organization can archive a listing.')
    if (listing.status === 'archived') throw conflict('This listing is already archived.')
    const version = await versionById(tx, listing.draftVersionId)
    if (version?.status === 'in_review') {
      await tx.update(listingVersions).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(listingVersions.id, version.id))
      await tx.update(listings).set({ draftVersionId: null }).where(eq(listings.id, listing.id))
    }
    const byVendor = isVendor(actor) && listing.orgId !== actor.orgId
    await tx.update(listings).set({ status: 'archived', archivedAt: new Date(), archivedByVendor: byVendor, featured: false, updatedAt: new Date() }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.archived', listing, { previousStatus: listing.status, byVendor }, true))
  })
}

/** Brings an archived listing back: live again if it had been published, otherwise a draft. */
export async function restoreListing(actor: Actor, listingId: string) {
  assertOrgMayAct(actor, 'change its listings')
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    if (!listing || (listing.orgId !== actor.orgId && !isVendor(actor))) throw notFound('We could not find that listing.')
    if (listing.orgId === actor.orgId) assertOrgAdmin(actor, 'Only an admin of your organization can restore a listing.')
    if (listing.status !== 'archived') throw conflict('This listing is not archived.')
    if (listing.archivedByVendor && !isVendor(actor)) {
      throw forbidden('The partner team archived this listing. Ask them to restore it, or create a new listing.')
    }
    if (!listing.archivedByVendor && listing.orgId !== actor.orgId) throw forbidden('Only the listing’s own organization can restore a listing it archived itself.')
    const status = listing.publishedVersionId ? 'published' : 'draft'
    await tx.update(listings).set({ status, archivedAt: null, archivedByVendor: false, updatedAt: new Date() }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.restored', listing, { status }, true))
    return { status }
  })
}

/** Locks a listing with a version waiting for the vendor's review: 404 without the listing, 409 without such a version. */
async function lockListingInReview(tx: Tx, listingId: string) {
  const listing = await lockListing(tx, listingId)
  if (!listing) throw notFound('We could not find that listing.')
  const version = await versionById(tx, listing.draftVersionId)
  if (!version || version.status !== 'in_review') throw conflict('This listing has nothing waiting for review (it may have been decided or withdrawn already).')
  return { listing, version }
}

/** The vendor's team publishes the version waiting for review. */
export async function approveListing(actor: Actor, listingId: string, rawInput: unknown = { intent: 'approve' }) {
  assertVendor(actor, "Only the vendor's partner team can approve listings.")
  const input = parseOrThrow(ApproveSchema, rawInput)
  return db.transaction(async (tx) => {
    const { listing, version } = await lockListingInReview(tx, listingId)
    const now = new Date()
    if (listing.publishedVersionId) {
      await tx.update(listingVersions).set({ status: 'superseded', updatedAt: now }).where(eq(listingVersions.id, listing.publishedVersionId))
    }
    await tx
      .update(listingVersions)
      .set({ status: 'published', reviewedAt: now, reviewedBy: actor.userId, publishedAt: now, rejectionReason: null, updatedAt: now })
      .where(eq(listingVersions.id, version.id))
    await tx
      .update(listings)
      .set({ status: 'published', publishedVersionId: version.id, draftVersionId: null, publishedAt: listing.publishedAt ?? now, updatedAt: now })
      .where(eq(listings.id, listing.id))
    let integration: { id: string; counterpartOrgId: string; status: string; isNew: boolean } | null = null
    if (listing.kind === 'integration' && version.counterpartOrgId) {
      integration = await upsertIntegration(tx, actor, listing, version.counterpartOrgId)
    }
    await recordEvent(tx, event(actor, 'listing.published', listing, { version: version.number, title: version.title, note: input.note ?? null, submittedBy: version.submittedBy }, true))
    return { versionId: version.id, integration }
  })
}

async function upsertIntegration(tx: Tx, actor: Actor, listing: ListingRow, counterpartOrgId: string) {
  const [existing] = await tx.select().from(integrations).where(eq(integrations.listingId, listing.id))
  if (existing && existing.counterpartOrgId === counterpartOrgId) return { id: existing.id, counterpartOrgId, status: existing.status, isNew: false }
  const now = new Date()
  let id: string
  if (existing) {
    await tx.update(integrations).set({ counterpartOrgId, status: 'pending', decidedAt: null, decidedBy: null, note: null, updatedAt: now }).where(eq(integrations.id, existing.id))
    id = existing.id
  } else {
    const [row] = await tx.insert(integrations).values({ listingId: listing.id, orgId: listing.orgId, counterpartOrgId, status: 'pending' }).returning({ id: integrations.id })
    id = row!.id
  }
  const [owner] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, listing.orgId))
  await recordEvent(tx, {
    type: 'integration.requested',
    actorId: actor.userId,
    orgId: listing.orgId,
    subjectType: 'integration',
    subjectId: id,
    payload: { listingId: listing.id, slug: listing.slug, counterpartOrgId, ownerOrgName: owner?.name ?? 'A partner' },
    audience: { orgs: [listing.orgId, counterpartOrgId] },
  })
  return { id, counterpartOrgId, status: 'pending', isNew: true }
}

/** The vendor's team sends the version back with a reason the partner sees. */
export async function rejectListing(actor: Actor, listingId: string, rawInput: unknown) {
  assertVendor(actor, "Only the vendor's partner team can reject listings.")
  const input = parseOrThrow(RejectSchema, rawInput)
  return db.transaction(async (tx) => {
    const { listing, version } = await lockListingInReview(tx, listingId)
    const now = new Date()
    await tx.update(listingVersions).set({ status: 'rejected', rejectionReason: input.reason, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now }).where(eq(listingVersions.id, version.id))
    if (!listing.publishedVersionId) await tx.update(listings).set({ status: 'rejected', updatedAt: now }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, 'listing.rejected', listing, { version: version.number, title: version.title, reason: input.reason, submittedBy: version.submittedBy }, true))
  })
}

export async function setFeatured(actor: Actor, listingId: string, featured: boolean) {
  assertVendor(actor, "Only the vendor's partner team can feature listings.")
  return db.transaction(async (tx) => {
    const listing = await lockListing(tx, listingId)
    if (!listing) throw notFound('We could not find that listing.')
    if (featured && listing.status !== 'published') throw conflict('Only published listings can be featured.')
    await tx.update(listings).set({ featured, updatedAt: new Date() }).where(eq(listings.id, listing.id))
    await recordEvent(tx, event(actor, featured ? 'listing.featured' : 'listing.unfeatured', listing, {}, true))
  })
}

// ---------------------------------------------------------------- reads for the owner

export async function listOwnListings(actor: Actor, { page = 1, perPage = 20 } = {}) {
  const rows = await db
    .select({
      id: listings.id,
      slug: listings.slug,
      kind: listings.kind,
      status: listings.status,
      featured: listings.featured,
      updatedAt: listings.updatedAt,
      publishedTitle: sql<string | null>`pv.title`,
      draftTitle: sql<string | null>`dv.title`,
      draftStatus: sql<string | null>`dv.status`,
    })
    .from(listings)
    .leftJoin(sql`listing_versions pv`, sql`pv.id = ${listings.publishedVersionId}`)
    .leftJoin(sql`listing_versions dv`, sql`dv.id = ${listings.draftVersionId}`)
    .where(eq(listings.orgId, actor.orgId))
    .orderBy(desc(listings.updatedAt))
    .limit(perPage)
    .offset((page - 1) * perPage)
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(listings)
    .where(eq(listings.orgId, actor.orgId))) as [{ n: number }]
  return { rows, total: Number(n), page, perPage }
}

/** Everything the editor needs. The owning org sees it; the vendor's team may look; others get not-found. */
export async function getListingForOwner(actor: Actor, listingId: string) {
  const [listing] = await db.select().from(listings).where(eq(listings.id, listingId))
  if (!listing || (listing.orgId !== actor.orgId && !isVendor(actor))) throw notFound('We could not find that listing.')
  const versions = await db
    .select({
      id: listingVersions.id,
      number: listingVersions.number,
      status: listingVersions.status,
      title: listingVersions.title,
      submittedAt: listingVersions.submittedAt,
      reviewedAt: listingVersions.reviewedAt,
      publishedAt: listingVersions.publishedAt,
      rejectionReason: listingVersions.rejectionReason,
      createdAt: listingVersions.createdAt,
    })
    .from(listingVersions)
    .where(eq(listingVersions.listingId, listing.id))
    .orderBy(desc(listingVersions.number))
  const draft = await versionById(db, listing.draftVersionId)
  const published = await versionById(db, listing.publishedVersionId)
  const [integration] = await db.select().from(integrations).where(eq(integrations.listingId, listing.id))
  return { listing, draft, published, versions, integration: integration ?? null, canEdit: listing.orgId === actor.orgId }
}

// ---------------------------------------------------------------- the vendor's review queue

export async function reviewQueue(actor: Actor, { page = 1, perPage = 25, order = 'oldest' }: { page?: number; perPage?: number; order?: 'oldest' | 'newest' } = {}) {
  assertVendor(actor, "Only the vendor's partner team can see the review queue.")
  const rows = await db
    .select({
      listingId: listings.id,
      slug: listings.slug,
      kind: listings.kind,
      listingStatus: listings.status,
      versionId: listingVersions.id,
      number: listingVersions.number,
      title: listingVersions.title,
      submittedAt: listingVersions.submittedAt,
      flags: listingVersions.flags,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      isUpdate: sql<boolean>`${listings.publishedVersionId} is not null`,
    })
    .from(listingVersions)
    .innerJoin(listings, and(eq(listings.id, listingVersions.listingId), eq(listings.draftVersionId, listingVersions.id)))
    .innerJoin(organizations, eq(organizations.id, listings.orgId))
    .where(eq(listingVersions.status, 'in_review'))
    .orderBy(order === 'newest' ? desc(listingVersions.submittedAt) : asc(listingVersions.submittedAt))
    .limit(perPage)
    .offset((page - 1) * perPage)
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(listingVersions)
    .innerJoin(listings, and(eq(listings.id, listingVersions.listingId), eq(listings.draftVersionId, listingVersions.id)))
    .where(eq(listingVersions.status, 'in_review'))) as [{ n: number }]
  const now = Date.now()
  return {
    rows: rows.map((r) => ({ ...r, ageHours: r.submittedAt ? Math.max(0, (now - new Date(r.submittedAt).getTime()) / 3_600_000) : 0 })),
    total: Number(n),
    page,
    perPage,
    order,
  }
}

async function comparable(q: Queryable, v: VersionRow | null) {
  if (!v) return null
  const cats = v.categoryIds.length ? await q.select({ id: listingCategories.id, name: listingCategories.name }).from(listingCategories).where(inArray(listingCategories.id, v.categoryIds)) : []
  const names = new Map(cats.map((c) => [c.id, c.name]))
  let counterpart = ''
  if (v.counterpartOrgId) {
    const [o] = await q.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, v.counterpartOrgId))
    counterpart = o?.name ?? ''
  }
  return {
    title: v.title,
    summary: v.summary,
    body: v.body,
    categories: v.categoryIds.map((id) => names.get(id) ?? id),
    // People read the diff: vocabulary values as their labels ("Financial services", not financial_services).
    industries: v.industries.map((i) => INDUSTRY_LABELS[i as Industry] ?? i),
    regions: v.regions.map((r) => REGION_LABELS[r as Region] ?? r),
    pricing: `${PRICING_LABELS[v.pricingModel]}${v.pricingDetails ? ` — ${v.pricingDetails}` : ''}`,
    counterpart,
    logoKey: v.logoKey,
    screenshots: v.screenshots.map((s) => s.key),
  }
}

/** One queue item: the version in review, the last published one, their diff and fresh flags. */
export async function reviewItem(actor: Actor, listingId: string) {
  assertVendor(actor, "Only the vendor's partner team can review listings.")
  const [listing] = await db.select().from(listings).where(eq(listings.id, listingId))
  if (!listing) throw notFound('We could not find that listing.')
  const [org] = await db.select().from(organizations).where(eq(organizations.id, listing.orgId))
  const candidate = await versionById(db, listing.draftVersionId)
  const published = await versionById(db, listing.publishedVersionId)
  const after = await comparable(db, candidate)
  const before = await comparable(db, published)
  const changes = after ? diffVersions(before, after) : []
  // Flags were computed when the version was submitted (near-duplicate search is the costly part).
  const flags = candidate?.flags ?? {}
  return { listing, org: org!, candidate, published, changes, flags, candidateView: after, publishedView: before }
}

export function ensureCanReview(actor: Actor) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's partner team can review listings.")
}
