import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { listings } from '#db/schema/listings.ts'
import { organizations } from '#db/schema/orgs.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { ListingListQuerySchema, type ApiListing } from '#app/features/api/schemas.ts'

/**
 * GET /api/v1/listings: every public listing (published, by an active partner, as on the
 * marketplace) and all of the actor's own organization's listings, drafts included. Nobody else's
 * draft or archived listing is ever listed.
 */
export async function listApiListings(actor: Actor, query: unknown) {
  const q = parseInput(ListingListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const visible = or(eq(listings.orgId, actor.orgId), and(eq(listings.status, 'published'), eq(organizations.status, 'active')))
  const filters: (SQL | undefined)[] = [visible, ...keysetFilter(listings.updatedAt, listings.id, cursor, q.updated_since)]
  const own = eq(listings.orgId, actor.orgId)
  const rows = await db
    .select({
      id: listings.id,
      slug: listings.slug,
      kind: listings.kind,
      status: listings.status,
      orgId: listings.orgId,
      orgName: organizations.name,
      // Others see the published version only; the owner sees its draft when nothing is published.
      title: sql<string | null>`coalesce(pv.title, case when ${own} then dv.title end)`,
      summary: sql<string | null>`coalesce(pv.summary, case when ${own} then dv.summary end)`,
      publishedAt: listings.publishedAt,
      updatedAt: listings.updatedAt,
      position: positionOf(listings.updatedAt),
    })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.orgId))
    .leftJoin(sql`listing_versions pv`, sql`pv.id = ${listings.publishedVersionId}`)
    .leftJoin(sql`listing_versions dv`, sql`dv.id = ${listings.draftVersionId}`)
    .where(and(...filters))
    .orderBy(asc(listings.updatedAt), asc(listings.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, (r): ApiListing => ({
    id: r.id,
    object: 'listing',
    slug: r.slug,
    kind: r.kind,
    status: r.status,
    title: r.title,
    summary: r.summary,
    org: { id: r.orgId, name: r.orgName },
    own: r.orgId === actor.orgId,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
  }))
}
