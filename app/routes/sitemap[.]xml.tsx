import { siteOrigin } from '#app/features/listings/seo.server.ts'
import { SITEMAP_HEADERS, sitemapIndexXml, sitemapRoot, urlsetXml } from '#app/features/listings/sitemap.server.ts'

/** Only public pages; an index of parts once the marketplace outgrows one file (see sitemap.server.ts). */
export async function loader() {
  const origin = siteOrigin()
  const root = await sitemapRoot()
  const body = 'urls' in root ? urlsetXml(origin, root.urls) : sitemapIndexXml(origin, root.parts)
  return new Response(body, { headers: SITEMAP_HEADERS })
}
