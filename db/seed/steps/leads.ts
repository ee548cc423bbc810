import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { leads, listings, listingVersions, organizations, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS, DEMO_PARTNER_SLUGS } from '#db/seed/steps/foundation.ts'

const HOUR = 60 * 60 * 1000

/**
 * A few inbound leads for Northwind Systems, so `/manage/leads` has a story for its admin: two new
 * ones (one asking for a demo of a listing, one from the profile) and one already handled.
 */
export const leadsStep: SeedStep = {
  name: 'leads',
  async run({ now, log }) {
    const [northwind] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_PARTNER_SLUGS.northwind))
    if (!northwind) return log('No Northwind Systems: skipping leads.')
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
    const [listing] = await db
      .select({ id: listings.id, title: listingVersions.title })
      .from(listings)
      .innerJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
      .where(and(eq(listings.orgId, northwind.id), eq(listings.status, 'published'), isNotNull(listings.publishedVersionId)))
      .orderBy(asc(listings.createdAt))
      .limit(1)
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
    await db.insert(leads).values([
      {
        orgId: northwind.id,
        listingId: listing?.id ?? null,
        listingTitle: listing?.title ?? null,
        name: 'Amara Okafor',
        email: 'amara.okafor@meridianhealth.example',
        company: 'Meridian Health',
        message: 'We run 14 clinics on an ageing on-premises warehouse and want to move it to Stratolink before our licence renews in Q3. Could we see a demo next week?',
        createdAt: ago(3),
      },
      {
        orgId: northwind.id,
        name: 'Jonas Weber',
        email: 'j.weber@alpenlogistik.example',
        company: 'Alpen Logistik',
        message: 'Do you have consultants in the DACH region who can help us integrate our WMS with Stratolink? We are comparing two partners this month.',
        createdAt: ago(27),
      },
      {
        orgId: northwind.id,
        name: 'Sofia Marquez',
        email: 'sofia@brightharbor.example',
        company: 'Bright Harbor Retail',
        message: 'Looking for a fixed-price assessment of our current setup. Budget approved for this quarter.',
        status: 'handled',
        handledAt: ago(70),
        handledBy: admin?.id ?? null,
        createdAt: ago(96),
      },
    ])
  },
}
