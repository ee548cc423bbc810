import type http from 'node:http'
import type { NextFunction, Request, Response } from 'express'

export function applySecurityHeaders(res: http.ServerResponse, production: boolean) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

export function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    applySecurityHeaders(res, production)
    next()
  }
}
