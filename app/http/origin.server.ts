import type { NextFunction, Request, Response } from 'express'
import { appOrigin, env, type Env } from '#app/env.server.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The origins a state-changing request or a socket.io handshake may come from: the configured
 * APP_ORIGIN and nothing else. Without it (development, tests, the demo) the site is
 * `http://localhost:<port>`, also reached as 127.0.0.1 and [::1] on the same port; `port` is the
 * port the server actually listens on (tests listen on port 0). Never the request's own Host
 * header: a forged Host with a matching Origin would otherwise pass.
 */
export function trustedOrigins(port?: number, e: Env = env()): Set<string> {
  if (e.APP_ORIGIN) return new Set([appOrigin(e)])
  const p = port ?? e.PORT
  return new Set([`http://localhost:${p}`, `http://127.0.0.1:${p}`, `http://[::1]:${p}`])
}

export function isAllowedOrigin(origin: string | undefined | null, trusted: ReadonlySet<string>) {
  if (!origin || origin === 'null') return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  return trusted.has(parsed.origin)
}

/**
 * An API call, authenticated by its `Authorization: Bearer` key and never by cookies: a browser
 * does not attach that header on its own, and a request without cookies carries no ambient
 * authority, so neither can be forged cross-site and needs no Origin (the API then answers 401 in
 * its own error shape when the key is missing). The /api/v1 routes read only the header.
 */
export function isBearerApiRequest(req: Pick<Request, 'path' | 'get'>) {
  return req.path.startsWith('/api/v1/') && (/^Bearer\s/i.test(req.get('authorization') ?? '') || !req.get('cookie'))
}

/**
 * CSRF defence beside SameSite=Lax cookies: every state-changing request must carry an Origin
 * header naming this site (one of `trusted`, read on each request), except bearer-key API calls.
 */
export function originCheck(trusted: ReadonlySet<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || isBearerApiRequest(req)) return next()
    const origin = req.get('origin')
    if (isAllowedOrigin(origin, trusted)) return next()
    res
      .status(403)
      .type('text/plain')
      .send(
        origin
          ? `Refused: this request came from ${origin}, which is not this site. Submit the form from the site itself.`
          : 'Refused: the request has no Origin header. Submit the form from the site in a current browser.',
      )
  }
}

/**
 * Remix builds `request.url` from the Host and X-Forwarded-Host headers, which anyone can set
 * (a host like `x/listings/a#` even changes the path Remix routes). Before Remix sees a request,
 * a host that is not one of the trusted origins' hosts is replaced by the first (canonical) one,
 * so nothing downstream can build on a forged host. `trusted` is read on each request (without
 * APP_ORIGIN it is filled in once the server knows its port).
 */
export function pinRequestHost(trusted: ReadonlySet<string>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const hosts = [...trusted].map((origin) => new URL(origin).host)
    if (!hosts.includes(req.headers.host ?? '')) req.headers.host = hosts[0]
    delete req.headers['x-forwarded-host']
    next()
  }
}
