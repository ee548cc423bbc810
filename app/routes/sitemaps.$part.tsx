import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { siteOrigin } from '#app/features/listings/seo.server.ts'
import { SITEMAP_HEADERS, sitemapPart, urlsetXml } from '#app/features/listings/sitemap.server.ts'

/** One part of the sitemap index: /sitemaps/pages.xml, /sitemaps/listings-2.xml, /sitemaps/partners-1.xml. */
export async function loader({ params }: LoaderFunctionArgs) {
  const name = z.string().max(40).safeParse(params.part)
  const urls = name.success ? await sitemapPart(name.data) : null
  if (!urls) throw new Response('There is no such sitemap part. Start from /sitemap.xml.', { status: 404 })
  return new Response(urlsetXml(siteOrigin(), urls), { headers: SITEMAP_HEADERS })
}
