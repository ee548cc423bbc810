import http from 'node:http'
import { MAX_IMPORT_BYTES } from '#app/features/accounts/import-upload.server.ts'
import { MAX_SNAPSHOT_BYTES } from '#app/features/analytics/upload.ts'
import { MAX_REQUEST_BYTES as MAX_LISTING_UPLOAD_BYTES } from '#app/features/listings/upload.server.ts'
import { env, type Env } from '#app/env.server.ts'
import { logger } from '#app/core/logger.server.ts'

/**
 * Limits every request meets before Express, sessions or Remix see it: a body-size limit
 * enforced while the body streams in (nothing buffers more than the limit), a refusal of NUL
 * characters in the address, and the Node server's timeouts and connection cap.
 */

/** Ordinary forms: far above any real form, far below what could hurt the process. */
export const FORM_BODY_LIMIT = 1024 * 1024
/** Multipart framing and the text fields that travel with an upload. */
const MULTIPART_SLACK = 1024 * 1024

type UploadRoute = { pattern: RegExp; bytes: number; refusal: string }

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/**
 * The only routes that take more than FORM_BODY_LIMIT, and only as multipart uploads; each also
 * keeps its own limit while it streams the file.
 */
export const UPLOAD_ROUTES: UploadRoute[] = [
  {
    pattern: /^\/accounts\/?$/,
    bytes: MAX_IMPORT_BYTES + MULTIPART_SLACK,
    refusal: `An account import may be at most ${mb(MAX_IMPORT_BYTES)}. Split the CSV into smaller files and upload them one after another.`,
  },
  { pattern: /^\/analytics\/import(\/upload)?\/?$/, bytes: MAX_SNAPSHOT_BYTES + MULTIPART_SLACK, refusal: `A snapshot may be at most ${mb(MAX_SNAPSHOT_BYTES)}.` },
  { pattern: /^\/analytics\/opportunities\/?$/, bytes: 10 * 1024 * 1024 + MULTIPART_SLACK, refusal: 'An opportunities CSV may be at most 10 MB. Split it into smaller files.' },
  { pattern: /^\/settings\/profile\/?$/, bytes: MAX_LISTING_UPLOAD_BYTES, refusal: 'Each image may be at most 2 MB (PNG, JPEG or WebP).' },
  { pattern: /^\/manage\/listings\/(new|[^/]+\/edit)\/?$/, bytes: MAX_LISTING_UPLOAD_BYTES, refusal: 'Each image may be at most 2 MB (PNG, JPEG or WebP), with a logo and up to six screenshots.' },
]

/** The body limit for a request: an upload route's own for multipart bodies, FORM_BODY_LIMIT otherwise. */
export function bodyLimitFor(url: string, contentType: string | undefined): { bytes: number; refusal: string } {
  // Remix's single fetch posts to `<path>.data` (`/_root.data` for `/`).
  const pathname = (url.split('?')[0] ?? '/').replace(/\.data$/, '')
  if (/^multipart\/form-data\b/i.test(contentType ?? '')) {
    const route = UPLOAD_ROUTES.find((r) => r.pattern.test(pathname))
    if (route) return route
  }
  // The API's one streaming endpoint: account lists as CSV or JSON lines, as large as the app's import.
  if (/^\/api\/v1\/accounts\/bulk\/?$/.test(pathname)) return { bytes: MAX_IMPORT_BYTES, refusal: `A bulk account request may be at most ${mb(MAX_IMPORT_BYTES)}. Split it into several requests.` }
  if (pathname.startsWith('/api/v1/')) return { bytes: FORM_BODY_LIMIT, refusal: `An API request body may be at most ${mb(FORM_BODY_LIMIT)} (1 MiB). Send large batches in several requests.` }
  return { bytes: FORM_BODY_LIMIT, refusal: `A form may send at most ${mb(FORM_BODY_LIMIT)}. Shorten what you entered and submit it again.` }
}

/** The methods any route here answers (each route narrows them further). */
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, message: string) {
  logger.warn({ method: req.method, url: req.url?.slice(0, 200), status }, 'request refused before reading it')
  // The API answers every refusal in its one JSON error shape (docs/api.md).
  const api = (req.url ?? '').startsWith('/api/v1/')
  const code = status === 413 ? 'too_large' : status === 405 ? 'method_not_allowed' : 'invalid_request'
  const body = Buffer.from(api ? JSON.stringify({ error: { code, message } }) : message)
  res.writeHead(status, {
    ...(status === 405 ? { Allow: SERVED_METHODS.join(', ') } : {}),
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The unread body must not be taken for the next request on this connection.
    Connection: 'close',
  })
  res.end(body)
}

/** After the limit has answered, whatever else tries to write this response writes nowhere. */
function seal(res: http.ServerResponse) {
  const ignore = () => res
  res.setHeader = ignore as typeof res.setHeader
  res.appendHeader = ignore as typeof res.appendHeader
  res.removeHeader = (() => undefined) as typeof res.removeHeader
  res.writeHead = ignore as unknown as typeof res.writeHead
  res.flushHeaders = () => undefined
  res.write = (() => true) as typeof res.write
  res.end = ((...args: unknown[]) => {
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined
    callback?.()
    return res
  }) as typeof res.end
}

const tooLarge = (declared: number | null, limit: { bytes: number; refusal: string }) =>
  `Request refused: the body is too large${declared === null ? '' : ` (${(declared / 1024 / 1024).toFixed(1)} MB)`}. ${limit.refusal}`

/**
 * Checks a request before anything reads it. Returns true when it has been answered (405 for a
 * method no route serves, 413 for a body over its limit, 400 for a NUL character in the address);
 * the caller then stops.
 *
 * A declared Content-Length over the limit is refused at once, without reading the body (Node's
 * parser never delivers more than the declared length). A chunked body is counted as it arrives:
 * past the limit the request is answered with 413, the rest of the body is dropped, and the
 * connection closes, so the handler reading it never receives more than the limit.
 */
export function refuseUnacceptableRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? '/'
  // TRACE (and anything else no route serves) cannot even become a Fetch Request for Remix: answer it here.
  if (!SERVED_METHODS.includes(req.method ?? '')) {
    refuse(req, res, 405, `Request refused: the ${String(req.method).slice(0, 20)} method is not served here. Use ${SERVED_METHODS.join(', ')}.`)
    return true
  }
  if (/%00/i.test(url)) {
    refuse(req, res, 400, 'Request refused: the address contains a NUL character (%00), which no page or search accepts. Check the link or remove it from what you typed.')
    return true
  }
  const limit = bodyLimitFor(url, req.headers['content-type'])
  const declared = req.headers['content-length']
  if (declared !== undefined) {
    const length = Number(declared)
    if (length > limit.bytes) {
      refuse(req, res, 413, tooLarge(length, limit))
      return true
    }
    return false
  }
  if (req.headers['transfer-encoding'] === undefined) return false
  let received = 0
  let refused = false
  const push = req.push.bind(req)
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || chunk === undefined) return refused ? false : push(chunk, encoding)
    if (refused) return true
    received += (chunk as Buffer).length
    if (received <= limit.bytes) return push(chunk, encoding)
    refused = true
    if (!res.headersSent) {
      refuse(req, res, 413, tooLarge(null, limit))
      seal(res)
    }
    // The handler never sees the body end: the request fails with the closed connection.
    res.once('finish', () => req.socket?.destroy())
    if (res.writableFinished) req.socket?.destroy()
    return true
  }
  return false
}

export type ServerLimits = {
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  maxConnections: number
}

export function serverLimits(e: Env = env()): ServerLimits {
  return {
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: e.HTTP_MAX_CONNECTIONS,
  }
}

/**
 * The Node HTTP server with the limits applied: a client must send its headers within
 * headersTimeoutMs and its whole request within requestTimeoutMs (408, then the connection
 * closes), an idle keep-alive connection closes after keepAliveTimeoutMs, and connections past
 * maxConnections are dropped as they arrive. Every request passes refuseUnacceptableRequest first.
 */
export function createLimitedServer(handler: http.RequestListener, limits: ServerLimits = serverLimits()) {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above; its default (30 s) would let them overrun.
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      if (!refuseUnacceptableRequest(req, res)) handler(req, res)
    },
  )
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  server.maxConnections = limits.maxConnections
  return server
}
