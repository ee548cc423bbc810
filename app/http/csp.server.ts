import { randomBytes } from 'node:crypto'

/** A fresh nonce for one HTML response: 128 random bits, base64. */
export function createNonce() {
  return randomBytes(16).toString('base64')
}

/**
 * The Content-Security-Policy of an HTML page. Scripts: this origin's files and inline scripts
 * carrying this response's nonce (Remix's <Scripts>, <ScrollRestoration>, React's streaming
 * chunks); nothing else, so injected markup cannot run code. Styles allow inline `style`
 * attributes (React renders some), which cannot run code. No framing, no plugins, forms and
 * <base> only to this origin. Development adds what Vite's dev server needs: its HMR websocket on
 * another port and eval for its error overlay and source maps.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}) {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, ...(development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}
