import { sql } from 'drizzle-orm'
import { isbot } from 'isbot'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { logger } from '#app/core/logger.server.ts'
import { ACTIVITY_DAYS } from '#app/features/leads/schemas.ts'

/**
 * Views and leads per listing, for the listing's own organization. A view is one request for the
 * listing's public page; it is counted in one daily counter per listing (UTC day), never a row per
 * view, by one upsert. Robots (by user agent, or none at all) and the listing's own organization
 * are not counted. Pages served from the page cache are counted too (its hit hook).
 */

/** False for a robot or a request without a user agent. */
export function isHumanAgent(userAgent: string | null | undefined) {
  return Boolean(userAgent) && !isbot(userAgent)
}

const utcDay = (now: Date) => now.toISOString().slice(0, 10)

/**
 * Counts one view of a published listing (by id or slug). Skipped for robots and for a viewer of
 * the listing's own organization. Returns whether it counted.
 */
export async function countListingView(
  listing: { id: string } | { slug: string },
  viewer: { orgId?: string | null; userAgent?: string | null },
  { q = db as Queryable, now = new Date() } = {},
): Promise<boolean> {
  if (!isHumanAgent(viewer.userAgent)) return false
  const match = 'id' in listing ? sql`l.id = ${listing.id}` : sql`l.slug = ${listing.slug}`
  const rows = await queryRows<{ listing_id: string }>(
    q,
    sql`insert into listing_view_counts (listing_id, org_id, day, views)
        select l.id, l.org_id, ${utcDay(now)}::date, 1 from listings l
        where ${match} and l.status = 'published' and l.org_id is distinct from ${viewer.orgId ?? null}
        on conflict (listing_id, day) do update set views = listing_view_counts.views + 1
        returning listing_id`,
  )
  return rows.length > 0
}

/** The same, never failing the page that counts: a lost view is logged, not shown. */
export function countListingViewInBackground(listing: { id: string } | { slug: string }, viewer: { orgId?: string | null; userAgent?: string | null }) {
  if (!isHumanAgent(viewer.userAgent)) return
  countListingView(listing, viewer).catch((error: unknown) => logger.warn({ err: error }, 'listing view not counted'))
}

export type ListingActivity = { views: number; leads: number }

/**
 * Views and leads of the actor's organization's listings over the last 30 days (the 30 UTC days
 * up to and including today; leads by `createdAt` in the same days). Other organizations' listings
 * are never read: both counts are filtered by the actor's organization.
 */
export async function listingActivity(actor: Actor, listingIds: string[], now = new Date()): Promise<Record<string, ListingActivity>> {
  assertOrgMayRead(actor, 'see its listings’ activity')
  const out: Record<string, ListingActivity> = Object.fromEntries(listingIds.map((id) => [id, { views: 0, leads: 0 }]))
  if (!listingIds.length) return out
  const firstDay = utcDay(new Date(now.getTime() - (ACTIVITY_DAYS - 1) * 86_400_000))
  const ids = sql`array[${sql.join(
    listingIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`
  const rows = await queryRows<{ listing_id: string; views: string; leads: string }>(
    db,
    sql`select id as listing_id,
          coalesce((select sum(v.views) from listing_view_counts v where v.listing_id = x.id and v.org_id = ${actor.orgId} and v.day >= ${firstDay}::date), 0)::text as views,
          (select count(*) from leads d where d.listing_id = x.id and d.org_id = ${actor.orgId} and d.created_at >= ${`${firstDay}T00:00:00Z`}::timestamptz)::text as leads
        from unnest(${ids}) as x(id)`,
  )
  for (const r of rows) out[r.listing_id] = { views: Number(r.views), leads: Number(r.leads) }
  return out
}
