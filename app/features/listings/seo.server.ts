import { appOrigin } from '#app/env.server.ts'

/**
 * The public origin for canonical URLs, og:url, the sitemap and robots.txt: the configured one
 * (`appOrigin()`), never the request's Host or X-Forwarded-Host, so a visitor's forged header
 * cannot end up in a page the anonymous page cache shares with everyone.
 */
export function siteOrigin() {
  return appOrigin()
}

/**
 * Cache headers for a public page. Anonymous visitors share one copy (a CDN may keep it a minute
 * and serve it stale while it refreshes); signed-in pages carry the person's header and are private.
 */
export function publicCacheHeaders(signedIn: boolean, { sMaxAge = 60 } = {}) {
  return {
    'Cache-Control': signedIn ? 'private, no-cache' : `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=300`,
    Vary: 'Cookie',
  }
}
