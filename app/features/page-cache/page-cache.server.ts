import { gzip } from 'node:zlib'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { LruCache } from '#app/features/page-cache/lru.ts'
import { versionReaderForDatabase } from '#app/features/page-cache/version.server.ts'

/**
 * A micro-cache for anonymous GET requests to the public pages (like a CDN in front of them, but
 * correct at once): a page is stored with the public-content version it was rendered at and
 * served only while that version is current. The version is bumped in the transaction of every
 * change that can alter a public page (events/outbox.server.ts) and read again for every request
 * on PostgreSQL (one query shared by the requests that arrive while it runs), so all nodes see a
 * change on their next request; on PGlite, where this process is the only writer, only after a bump. Anything personal bypasses it: any cookie, an Authorization header,
 * non-GET, and responses that set a cookie, are not 200 or are not marked `public`.
 */
export type PageCacheOptions = {
  maxEntries?: number
  maxBytes?: number
  /** Bounds how long a change made outside the app (no event, no bump: SQL by hand, a restore) stays unseen. */
  ttlMs?: number
  readVersion?: () => Promise<number>
  /** Called for each request answered from the cache (its loaders did not run), e.g. to count a listing view. */
  onHit?: (req: Request) => void
}

type Entry = {
  version: number
  expiresAt: number
  headers: [string, string | number | string[]][]
  body: Buffer
  /** Compressed once, in the background; until then the compression middleware does it per request. */
  gzipped?: Buffer
  size: number
}

/** The public, anonymous-identical pages. No dots in slugs, so `.data` requests are not matched. */
const PUBLIC_PAGE = /^\/(?:marketplace(?:\/category\/[^/.]+)?|listings\/[^/.]+|partners\/[^/.]+|integrations|sitemap\.xml|sitemaps\/(?:pages|listings-\d+|partners-\d+)\.xml|robots\.txt)\/?$/
const CACHEABLE_TYPE = /^(?:text\/html|application\/xml|text\/plain)\b/i
/** Per-request or per-connection headers (HSTS depends on the request's scheme); the rest (type, cache-control, vary, security headers) are kept. */
const NOT_STORED = new Set(['strict-transport-security', 'set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'date', 'connection', 'keep-alive', 'x-request-id', 'x-page-cache'])

export function isCacheableRequest(req: Request) {
  return req.method === 'GET' && !req.headers.cookie && !req.headers.authorization && req.originalUrl.length <= 512 && PUBLIC_PAGE.test(req.path)
}

function isCacheableResponse(res: Response) {
  const cacheControl = String(res.getHeader('cache-control') ?? '')
  return (
    res.statusCode === 200 &&
    res.getHeader('set-cookie') === undefined &&
    /\bpublic\b/.test(cacheControl) &&
    !/\b(?:private|no-store)\b/.test(cacheControl) &&
    CACHEABLE_TYPE.test(String(res.getHeader('content-type') ?? ''))
  )
}

export function createPageCache(options: PageCacheOptions = {}) {
  const { maxEntries = 5_000, maxBytes = 64 * 1024 * 1024, ttlMs = 300_000 } = options
  const entries = new LruCache<Entry>(maxEntries, maxBytes)
  let reader = options.readVersion
  const currentVersion = () => (reader ??= versionReaderForDatabase())()
  let seenVersion: number | null = null
  const counts = { hit: 0, miss: 0, stored: 0 }

  const middleware: RequestHandler = (req, res, next) => {
    if (!isCacheableRequest(req)) return next()
    currentVersion().then(
      (version) => serve(version, req, res, next),
      () => next(), // no version, no cache: render as usual
    )
  }

  function serve(version: number, req: Request, res: Response, next: NextFunction) {
    if (version !== seenVersion) {
      entries.clear()
      seenVersion = version
    }
    // Pages never depend on the Host or X-Forwarded-* headers (canonical URLs come from the
    // configured origin, and Remix sees the host pinned to it), so one copy serves every host.
    const key = req.originalUrl
    const hit = entries.get(key)
    if (hit && hit.version === version && hit.expiresAt > Date.now()) {
      counts.hit++
      options.onHit?.(req)
      res.statusCode = 200
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.setHeader('X-Page-Cache', 'HIT')
      // A Content-Encoding already set makes the compression middleware leave the body alone.
      const body = hit.gzipped && req.acceptsEncodings('gzip', 'identity') === 'gzip' ? hit.gzipped : hit.body
      if (body === hit.gzipped) res.setHeader('Content-Encoding', 'gzip')
      res.setHeader('Content-Length', body.length)
      res.end(body)
      return
    }
    counts.miss++
    res.setHeader('X-Page-Cache', 'MISS')
    capture(res, maxBytes, (body) => {
      if (!isCacheableResponse(res) || version !== seenVersion) return
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !NOT_STORED.has(name))
        .map(([name, value]) => [name, value] as Entry['headers'][number])
      if (!headers.some(([name, value]) => name === 'vary' && /accept-encoding/i.test(String(value)))) headers.push(['vary', [res.getHeader('vary'), 'Accept-Encoding'].filter(Boolean).join(', ')])
      // Counted with room for the gzipped copy (never much bigger than the body) from the start.
      const entry: Entry = { version, expiresAt: Date.now() + ttlMs, headers, body, size: 2 * body.length + key.length + 64 }
      entries.set(key, entry)
      counts.stored++
      gzip(body, (error, gzipped) => {
        if (error) return
        if (gzipped.length <= body.length + 64) entry.gzipped = gzipped
      })
    })
    next()
  }

  return {
    middleware,
    stats: () => ({ ...counts, ...entries.stats }),
    clear: () => entries.clear(),
  }
}

/** Collects the body as it is written (before compression) and hands it over once fully sent. */
function capture(res: Response, maxBytes: number, done: (body: Buffer) => void) {
  const chunks: Buffer[] = []
  let size = 0
  let overflow = false
  const collect = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk == null || typeof chunk === 'function') return
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
    size += buffer.length
    if (size > maxBytes) overflow = true
    else chunks.push(Buffer.from(buffer)) // a copy: the writer may reuse its buffer
  }
  const write = res.write
  const end = res.end
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0])
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest)
  } as Response['write']
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0])
    return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest)
  } as Response['end']
  // Only a response that went out whole is stored (not one cut off by a closed connection).
  res.once('finish', () => {
    if (!overflow) done(Buffer.concat(chunks, size))
  })
}
