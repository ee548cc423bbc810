import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitemapEntries } from '../features/listings/public.server.ts'
import { siteOrigin } from '../features/listings/seo.server.ts'

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Only public pages: the marketplace, categories, published listings of active partners, active partners. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request)
  const { listings, partners, categories } = await sitemapEntries()
  const url = (path: string, lastmod?: Date | string) =>
    `<url><loc>${escape(origin + path)}</loc>${lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ''}</url>`
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/'),
    url('/marketplace'),
    url('/integrations'),
    ...categories.map((c) => url(`/marketplace/category/${encodeURIComponent(c.slug)}`)),
    ...listings.map((l) => url(`/listings/${encodeURIComponent(l.slug)}`, l.updated_at)),
    ...partners.map((p) => url(`/partners/${encodeURIComponent(p.slug)}`, p.updated_at)),
    '</urlset>',
  ].join('\n')
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=300, stale-while-revalidate=600' },
  })
}
