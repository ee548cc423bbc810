import type http from 'node:http'
import { gzipSync } from 'node:zlib'
import { logger } from '#app/core/logger.server.ts'
import type { PublicRoute } from '#app/core/module.ts'
import { applySecurityHeaders, isHttps } from '#app/http/security-headers.server.ts'

export type { PublicAnswer, PublicRoute } from '#app/core/module.ts'

/** Bodies under this size are sent as they are; larger ones gzipped when the client accepts it. */
const GZIP_FROM = 1024
const gzipped = new WeakMap<Buffer, Buffer>()

type HttpLogger = (req: http.IncomingMessage, res: http.ServerResponse) => void

/**
 * Answers GET and HEAD requests for a registered public route straight from the HTTP server:
 * the same request id, access log and security headers as every other response, gzip when
 * accepted, and no Express, session or Remix work. Returns false for any other request.
 */
export function answerPublicRoute(
  routes: ReadonlyMap<string, PublicRoute>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { httpLogger }: { httpLogger: HttpLogger; production: boolean },
): boolean {
  if (routes.size === 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return false
  const url = req.url ?? '/'
  const queryAt = url.indexOf('?')
  const route = routes.get(queryAt === -1 ? url : url.slice(0, queryAt))
  if (!route) return false
  httpLogger(req, res)
  applySecurityHeaders(res, isHttps(req))
  route(queryAt === -1 ? '' : url.slice(queryAt + 1)).then(
    (answer) => {
      let body = answer.body
      const headers: Record<string, string | number> = { ...answer.headers, Vary: 'Accept-Encoding' }
      if (body.length >= GZIP_FROM && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        let zipped = gzipped.get(body)
        if (!zipped) gzipped.set(body, (zipped = gzipSync(body)))
        body = zipped
        headers['Content-Encoding'] = 'gzip'
      }
      headers['Content-Length'] = body.length
      res.writeHead(answer.status, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    },
    (error: unknown) => {
      logger.error({ err: error, url }, 'public route failed')
      if (res.headersSent) return res.destroy()
      const body = Buffer.from(JSON.stringify({ error: 'Something went wrong on our side. Please try again.' }))
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length })
      res.end(body)
    },
  )
  return true
}
