import { eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { assertOrgAdmin, assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { notFound } from '#app/utils/errors.ts'
import { integrationsOfOrg } from '#app/features/listings/integrations.server.ts'
import { publicDataCache } from '#app/features/page-cache/public-data.server.ts'
import { endorsementSummary } from '#app/features/referrals/endorsements.server.ts'
import { publicListingsOfOrg } from '#app/features/listings/public.server.ts'
import { ProfileFormSchema } from '#app/features/listings/schemas.ts'
import { recordImages, storeImages, withCleanup, type StoredImage } from '#app/features/listings/shared.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import type { ImageFile } from '#app/features/listings/listings.server.ts'

export type Org = typeof organizations.$inferSelect

/** A profile is public when its org is active; its own people and the vendor's team always see it. */
export function canSeeOrg(actor: Actor | null, org: Pick<Org, 'id' | 'status'>) {
  return org.status === 'active' || (actor !== null && (actor.orgId === org.id || isVendor(actor)))
}

/**
 * What a partner's page shows is the same for every viewer (its published listings, public
 * integrations, endorsements): kept per public-content version, which every change to these bumps.
 * Who may see the page is decided per request, on the kept org row.
 */
const keptPartnerPages = publicDataCache(
  async (key) => {
    const { slug, page, perPage } = JSON.parse(key) as { slug: string; page: number; perPage: number }
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug))
    if (!org) return null
    const [listingsPage, integrationRows, endorsements] = await Promise.all([
      publicListingsOfOrg(org.id, { page, perPage }),
      integrationsOfOrg(org.id),
      org.kind === 'partner' ? endorsementSummary(org.id) : null,
    ])
    return { org, listings: listingsPage, integrations: integrationRows, endorsements }
  },
  { maxEntries: 2_000 },
)

export async function getPartnerPage(actor: Actor | null, slug: string, { page = 1, perPage = 24 } = {}) {
  const kept = await keptPartnerPages(JSON.stringify({ slug, page, perPage }))
  if (!kept || !canSeeOrg(actor, kept.org)) throw notFound('We could not find that partner.')
  return { ...kept, isPublic: kept.org.status === 'active' }
}

export async function getOwnProfile(actor: Actor) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.orgId))
  if (!org) throw notFound('We could not find your organization.')
  return org
}

/** The org's admins edit their company profile (type and tier are the vendor's to set). */
export async function updateOwnProfile(actor: Actor, raw: unknown, logo?: ImageFile | null) {
  assertOrgAdmin(actor, 'Only an admin of your organization can edit its profile.')
  assertOrgMayAct(actor, 'edit its profile', { allowApplicant: true })
  const input = parseOrThrow(ProfileFormSchema, raw)
  let images: StoredImage[] = []
  let cleanup = async () => {}
  if (logo) ({ images, cleanup } = await storeImages(actor.orgId, [{ kind: 'org_logo', role: 'logo', label: `The logo (${logo.filename})`, data: logo.data }]))
  return withCleanup(cleanup, () =>
    db.transaction(async (tx) => {
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId)).for('update')
      if (!org) throw notFound('We could not find your organization.')
      await recordImages(tx, actor.orgId, actor.userId, images)
      const logoUrl = images[0] ? `/uploads/${images[0].key}` : input.removeLogo ? null : org.logoUrl
      const [row] = await tx
        .update(organizations)
        .set({
          tagline: input.tagline ?? null,
          description: input.description ?? null,
          website: input.website ?? null,
          regions: [...new Set(input.regions)],
          industries: [...new Set(input.industries)],
          skills: [...new Set(input.skills)],
          logoUrl,
          updatedAt: new Date(),
        })
        .where(eq(organizations.id, actor.orgId))
        .returning()
      await recordEvent(tx, {
        type: 'organization.profile_updated',
        actorId: actor.userId,
        orgId: actor.orgId,
        subjectType: 'organization',
        subjectId: actor.orgId,
        payload: { slug: org.slug, logoChanged: Boolean(images[0]) || (input.removeLogo && Boolean(org.logoUrl)) },
        audience: { orgs: [actor.orgId] },
      })
      return row!
    }),
  )
}
