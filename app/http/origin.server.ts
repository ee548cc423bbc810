import type { NextFunction, Request, Response } from 'express'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Hosts a request may come from: the configured public origin and the host the request was sent to. */
export function allowedHosts(host: string | undefined, appOrigin: string | undefined) {
  const hosts = new Set<string>()
  if (host) hosts.add(host.toLowerCase())
  if (appOrigin) hosts.add(new URL(appOrigin).host.toLowerCase())
  return hosts
}

export function isAllowedOrigin(origin: string | undefined | null, host: string | undefined, appOrigin?: string) {
  if (!origin || origin === 'null') return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  return allowedHosts(host, appOrigin).has(parsed.host.toLowerCase())
}

/**
 * CSRF defence beside SameSite=Lax cookies: every state-changing request must carry an Origin
 * header naming this site.
 */
export function originCheck(appOrigin?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const origin = req.get('origin')
    if (isAllowedOrigin(origin, req.get('host'), appOrigin)) return next()
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
