import { siteOrigin } from '#app/features/listings/seo.server.ts'

export async function loader() {
  const origin = siteOrigin()
  const body = [
    'User-agent: *',
    'Allow: /$',
    'Allow: /marketplace',
    'Allow: /listings/',
    'Allow: /partners/',
    'Allow: /integrations',
    'Allow: /uploads/',
    'Disallow: /',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n')
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } })
}
