import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { listCategories } from '#app/features/listings/categories.server.ts'

/**
 * sitemap.xml for any size of marketplace. The protocol allows 50,000 URLs per file; below
 * PAGE_SIZE public pages in all, /sitemap.xml lists them directly; above, it becomes a sitemap
 * index of /sitemaps/pages.xml, /sitemaps/listings-N.xml and /sitemaps/partners-N.xml.
 * Only public pages: published listings of active partners, active partners, categories.
 */
export const SITEMAP_PAGE_SIZE = 45_000

export type SitemapUrl = { path: string; lastmod?: Date | string }
export type SitemapPart = { name: string }
type Section = 'listings' | 'partners'

const publicListings = sql`from listings l join organizations o on o.id = l.org_id where l.status = 'published' and o.status = 'active'`
const publicPartners = sql`from organizations where status = 'active' and kind = 'partner'`

async function counts() {
  const [row] = await queryRows<{ listings: number; partners: number }>(db, sql`select (select count(*)::int ${publicListings}) as listings, (select count(*)::int ${publicPartners}) as partners`)
  return { listings: Number(row!.listings), partners: Number(row!.partners) }
}

async function fixedPages(): Promise<SitemapUrl[]> {
  const categories = await listCategories()
  return [{ path: '/' }, { path: '/marketplace' }, { path: '/integrations' }, ...categories.map((c) => ({ path: `/marketplace/category/${encodeURIComponent(c.slug)}` }))]
}

async function sectionPage(section: Section, page: number, pageSize = SITEMAP_PAGE_SIZE): Promise<SitemapUrl[]> {
  const offset = (page - 1) * pageSize
  const rows =
    section === 'listings'
      ? await queryRows<{ slug: string; updated_at: Date }>(db, sql`select l.slug, l.updated_at ${publicListings} order by l.id limit ${pageSize} offset ${offset}`)
      : await queryRows<{ slug: string; updated_at: Date }>(db, sql`select slug, updated_at ${publicPartners} order by id limit ${pageSize} offset ${offset}`)
  return rows.map((r) => ({ path: `/${section}/${encodeURIComponent(r.slug)}`, lastmod: r.updated_at }))
}

/** What /sitemap.xml answers: every URL when they fit in one file, or the index of the parts. */
export async function sitemapRoot(pageSize = SITEMAP_PAGE_SIZE): Promise<{ urls: SitemapUrl[] } | { parts: SitemapPart[] }> {
  const [n, fixed] = await Promise.all([counts(), fixedPages()])
  if (fixed.length + n.listings + n.partners <= pageSize) {
    const [listings, partners] = await Promise.all([sectionPage('listings', 1, pageSize), sectionPage('partners', 1, pageSize)])
    return { urls: [...fixed, ...listings, ...partners] }
  }
  const parts = (section: Section, total: number) => Array.from({ length: Math.ceil(total / pageSize) }, (_, i) => ({ name: `${section}-${i + 1}.xml` }))
  return { parts: [{ name: 'pages.xml' }, ...parts('listings', n.listings), ...parts('partners', n.partners)] }
}

/** One part of the index (`pages.xml`, `listings-3.xml`, …); null for a name that is not a part. */
export async function sitemapPart(name: string, pageSize = SITEMAP_PAGE_SIZE): Promise<SitemapUrl[] | null> {
  if (name === 'pages.xml') return fixedPages()
  const match = /^(listings|partners)-([1-9]\d{0,5})\.xml$/.exec(name)
  if (!match) return null
  const urls = await sectionPage(match[1] as Section, Number(match[2]), pageSize)
  return urls.length || match[2] === '1' ? urls : null
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function urlsetXml(origin: string, urls: SitemapUrl[]) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${escape(origin + u.path)}</loc>${u.lastmod ? `<lastmod>${new Date(u.lastmod).toISOString()}</lastmod>` : ''}</url>`),
    '</urlset>',
  ].join('\n')
}

export function sitemapIndexXml(origin: string, parts: SitemapPart[]) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((p) => `<sitemap><loc>${escape(`${origin}/sitemaps/${p.name}`)}</loc></sitemap>`),
    '</sitemapindex>',
  ].join('\n')
}

export const SITEMAP_HEADERS = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=300, stale-while-revalidate=600' }
