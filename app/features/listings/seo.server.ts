import { env } from '../../env.server.ts'

/** The public origin for canonical URLs: APP_ORIGIN when set, else the origin of the request. */
export function siteOrigin(request: Request) {
  return (env().APP_ORIGIN ?? new URL(request.url).origin).replace(/\/$/, '')
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
