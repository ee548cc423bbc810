import { and, desc, eq, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { listings, listingVersions, organizations } from '#db/schema/index.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { notFound } from '#app/utils/errors.ts'
import { publicDataCache } from '#app/features/page-cache/public-data.server.ts'
import { getCategoryBySlug, listCategories } from '#app/features/listings/categories.server.ts'

/** What a card on the marketplace shows. */
export type ListingCard = {
  id: string
  slug: string
  kind: string
  title: string
  summary: string
  logoKey: string | null
  pricingModel: string
  orgName: string
  orgSlug: string
  tier: string | null
  publishedAt: Date | null
}

const cardColumns = {
  id: listings.id,
  slug: listings.slug,
  kind: listings.kind,
  title: listingVersions.title,
  summary: listingVersions.summary,
  logoKey: listingVersions.logoKey,
  pricingModel: listingVersions.pricingModel,
  orgName: organizations.name,
  orgSlug: organizations.slug,
  tier: organizations.tier,
  publishedAt: listings.publishedAt,
}

/** A listing is public when published and its org is active. */
const isPublic = and(eq(listings.status, 'published'), eq(organizations.status, 'active'))

function cards() {
  return db.select(cardColumns).from(listings).innerJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId)).innerJoin(organizations, eq(organizations.id, listings.orgId))
}

/**
 * Public listings per category. Kept per public-content version (every publish, archive,
 * suspension or category change bumps it), so never stale.
 */
const keptCategoryCounts = publicDataCache(async () => {
  const rows = await queryRows<{ id: string; n: number }>(
    db,
    sql`select c.id, count(*)::int as n
        from listings l
        join listing_versions v on v.id = l.published_version_id
        join organizations o on o.id = l.org_id
        cross join lateral unnest(v.category_ids) as c(id)
        where l.status = 'published' and o.status = 'active'
        group by c.id`,
  )
  return new Map(rows.map((r) => [r.id, Number(r.n)]))
})

export function categoryCounts(): Promise<Map<string, number>> {
  return keptCategoryCounts()
}

/** The marketplace home: the same for every visitor, kept per public-content version. */
const keptMarketplaceHome = publicDataCache(async () => {
  const [featured, newest, categories, counts] = await Promise.all([
    cards()
      .where(and(isPublic, eq(listings.featured, true)))
      .orderBy(desc(listings.publishedAt))
      .limit(6),
    cards().where(isPublic).orderBy(desc(listings.publishedAt), desc(listings.id)).limit(12),
    listCategories(),
    categoryCounts(),
  ])
  return { featured, newest, categories: categories.map((c) => ({ ...c, count: counts.get(c.id) ?? 0 })) }
})

export function marketplaceHome() {
  return keptMarketplaceHome()
}

/** Forgets the kept category counts and marketplace home (tests that write around the app's events). */
export function resetCategoryCountsCache() {
  keptCategoryCounts.clear()
  keptMarketplaceHome.clear()
}

export async function categoryPage(slug: string, { page = 1, perPage = 24, kind }: { page?: number; perPage?: number; kind?: string } = {}) {
  const category = await getCategoryBySlug(slug)
  if (!category) throw notFound('We could not find that category.')
  const where = and(isPublic, sql`${listingVersions.categoryIds} @> array[${category.id}]::text[]`, kind ? eq(listings.kind, kind as 'app') : undefined)
  const [rows, [{ n }]] = await Promise.all([
    cards()
      .where(where)
      .orderBy(desc(listings.featured), desc(listings.publishedAt), desc(listings.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(listings)
      .innerJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
      .innerJoin(organizations, eq(organizations.id, listings.orgId))
      .where(where) as unknown as Promise<[{ n: number }]>,
  ])
  return { category, rows, total: Number(n), page, perPage }
}

export async function publicListingsOfOrg(orgId: string, { page = 1, perPage = 24 } = {}) {
  const where = and(eq(listings.orgId, orgId), eq(listings.status, 'published'))
  const [rows, [{ n }]] = await Promise.all([
    cards()
      .where(where)
      .orderBy(desc(listings.featured), desc(listings.publishedAt))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(listings)
      .where(where) as unknown as Promise<[{ n: number }]>,
  ])
  return { rows, total: Number(n), page, perPage }
}

type ListingPageRow = {
  id: string
  org_id: string
  kind: string
  slug: string
  status: string
  featured: boolean
  published_at: Date | null
  updated_at: Date
  version_id: string | null
  number: number | null
  title: string | null
  summary: string | null
  body_html: string | null
  category_ids: string[] | null
  industries: string[] | null
  regions: string[] | null
  pricing_model: string | null
  pricing_details: string | null
  logo_key: string | null
  screenshots: { key: string; alt: string; width: number; height: number }[] | null
  org_name: string
  org_slug: string
  org_status: string
  org_tier: string | null
  org_type: string | null
  org_logo: string | null
  org_website: string | null
  counterpart_name: string | null
  counterpart_slug: string | null
  integration_status: string | null
  categories: { slug: string; name: string }[] | null
}

/**
 * The listing page. Public when published and its org is active; otherwise only its own org and
 * the vendor's team see it (the live version if there is one, else the working draft) and
 * everybody else gets not-found.
 */
export async function getListingPage(actor: Actor | null, slug: string) {
  const [row] = await queryRows<ListingPageRow>(
    db,
    sql`select l.id, l.org_id, l.kind, l.slug, l.status, l.featured, l.published_at, l.updated_at,
               v.id as version_id, v.number, v.title, v.summary, v.body_html, v.category_ids, v.industries, v.regions,
               v.pricing_model, v.pricing_details, v.logo_key, v.screenshots,
               o.name as org_name, o.slug as org_slug, o.status as org_status, o.tier as org_tier,
               o.partner_type as org_type, o.logo_url as org_logo, o.website as org_website,
               cp.name as counterpart_name, cp.slug as counterpart_slug, i.status as integration_status,
               (select coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) order by c.position, c.name), '[]'::json)
                  from listing_categories c where c.id = any(v.category_ids)) as categories
        from listings l
        join organizations o on o.id = l.org_id
        left join listing_versions v on v.id = coalesce(l.published_version_id, l.draft_version_id)
        left join integrations i on i.listing_id = l.id
        left join organizations cp on cp.id = coalesce(i.counterpart_org_id, v.counterpart_org_id)
        where l.slug = ${slug}
        limit 1`,
  )
  if (!row || !row.version_id) throw notFound('We could not find that listing.')
  const isPublicListing = row.status === 'published' && row.org_status === 'active'
  const privileged = actor !== null && (actor.orgId === row.org_id || isVendor(actor))
  if (!isPublicListing && !privileged) throw notFound('We could not find that listing.')
  return { listing: row, isPublic: isPublicListing, canManage: actor?.orgId === row.org_id }
}
