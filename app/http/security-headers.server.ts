import type http from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { env } from '#app/env.server.ts'

/**
 * Whether the request reached us over https: a TLS socket, or behind a trusted proxy
 * (TRUST_PROXY) an X-Forwarded-Proto whose first value is https — the same rule as Express's
 * `req.secure` with `trust proxy` on.
 */
export function isHttps(req: http.IncomingMessage, trustProxy = env().TRUST_PROXY) {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true
  if (!trustProxy) return false
  const proto = req.headers['x-forwarded-proto']
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase()
  return first === 'https'
}

/**
 * Headers for every response. HSTS only over https: browsers ignore it over http, and a cached
 * copy must not carry one request's scheme to another (the page cache does not store it). The
 * Content-Security-Policy, with its per-render nonce, is set on HTML documents by entry.server.tsx.
 */
export function applySecurityHeaders(res: http.ServerResponse, https: boolean) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    applySecurityHeaders(res, req.secure)
    next()
  }
}
