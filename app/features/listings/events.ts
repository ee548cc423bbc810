import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const listing = { slug: z.string(), kind: z.string() }

/** Listings, integrations, profiles and categories: all of them shape public pages. */
export const listingEvents = defineEvents(
  {
    'listing.created': z.object({ ...listing, version: z.number().int(), title: z.string() }),
    'listing.draft_saved': z.object({ ...listing, version: z.number().int(), title: z.string() }),
    'listing.submitted': z.object({ ...listing, version: z.number().int(), title: z.string(), flagged: z.boolean() }),
    'listing.withdrawn': z.object({ ...listing, version: z.number().int() }),
    'listing.draft_discarded': z.object({ ...listing, version: z.number().int() }),
    'listing.archived': z.object({ ...listing, previousStatus: z.string(), byVendor: z.boolean() }),
    'listing.restored': z.object({ ...listing, status: z.string() }),
    'listing.published': z.object({ ...listing, version: z.number().int(), title: z.string(), note: z.string().nullable(), submittedBy: z.string().nullable() }),
    'listing.rejected': z.object({ ...listing, version: z.number().int(), title: z.string(), reason: z.string(), submittedBy: z.string().nullable() }),
    'listing.featured': z.object(listing),
    'listing.unfeatured': z.object(listing),
    'integration.requested': z.object({ listingId: id, slug: z.string(), counterpartOrgId: id, ownerOrgName: z.string() }),
    'integration.confirmed': z.object({ listingId: id, slug: z.string().optional(), orgId: id, counterpartOrgId: id, counterpartOrgName: z.string(), note: z.string().nullable() }),
    'integration.declined': z.object({ listingId: id, slug: z.string().optional(), orgId: id, counterpartOrgId: id, counterpartOrgName: z.string(), note: z.string().nullable() }),
    'organization.profile_updated': z.object({ slug: z.string(), logoChanged: z.boolean() }),
    'category.created': z.object({ slug: z.string(), name: z.string() }),
    'category.updated': z.object({ slug: z.string(), name: z.string() }),
    'category.deleted': z.object({ slug: z.string() }),
  },
  { publicPages: true },
)
