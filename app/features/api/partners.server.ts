import { and, asc, eq, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { PartnerListQuerySchema, type ApiPartner } from '#app/features/api/schemas.ts'

/**
 * GET /api/v1/partners: the partner directory as anyone sees it on /partners: active partners
 * only (no applicant, rejected or suspended one), with their public profile fields only (no
 * rejection or suspension reasons, no import keys, no people). Oldest change first.
 */
export async function listApiPartners(_actor: Actor, query: unknown) {
  const q = parseInput(PartnerListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const filters: (SQL | undefined)[] = [eq(organizations.kind, 'partner'), eq(organizations.status, 'active'), ...keysetFilter(organizations.updatedAt, organizations.id, cursor, q.updated_since)]
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      partnerType: organizations.partnerType,
      tier: organizations.tier,
      tagline: organizations.tagline,
      description: organizations.description,
      website: organizations.website,
      logoUrl: organizations.logoUrl,
      regions: organizations.regions,
      industries: organizations.industries,
      skills: organizations.skills,
      approvedAt: organizations.approvedAt,
      updatedAt: organizations.updatedAt,
      position: positionOf(organizations.updatedAt),
    })
    .from(organizations)
    .where(and(...filters))
    .orderBy(asc(organizations.updatedAt), asc(organizations.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, (r): ApiPartner => ({
    id: r.id,
    object: 'partner',
    slug: r.slug,
    name: r.name,
    partnerType: r.partnerType,
    tier: r.tier,
    tagline: r.tagline,
    description: r.description,
    website: r.website,
    logoUrl: r.logoUrl,
    regions: r.regions ?? [],
    industries: r.industries ?? [],
    skills: r.skills ?? [],
    approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
  }))
}
