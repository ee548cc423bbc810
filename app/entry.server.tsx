/**
 * The server entry (Remix's default for Node, plus a Content-Security-Policy): every HTML
 * response gets a fresh nonce, sent in its CSP header and put on every inline script the render
 * emits — Remix's <Scripts> and <ScrollRestoration> (through useNonce in root.tsx), single
 * fetch's streamed data (RemixServer's nonce) and React's own streaming scripts.
 *
 * No page defers data (no `<Await>`), so the whole document is ready as soon as the loaders are:
 * it is rendered in full and sent as one buffer. Streaming it piece by piece through a web stream
 * cost more CPU per request than the render itself saved in time to first byte (issue 20); the
 * buffer rides on a body-less Response and the request handler writes it at once.
 */
import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { markRequest } from '#db/query-stats.server.ts'
import { contentSecurityPolicy, createNonce } from '#app/http/csp.server.ts'
import { withDocumentBody } from '#app/http/document-body.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'

const ABORT_DELAY = 5_000

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, _loadContext: AppLoadContext) {
  markRequest('render')
  const nonce = createNonce()
  responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' }))

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    // Past the abort delay the render gives up on what is still pending (rendering is set by then).
    const timer = setTimeout(() => rendering.abort(), ABORT_DELAY + 1_000)
    const chunks: Buffer[] = []
    const document = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk)
        callback()
      },
      final(callback) {
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        resolve(withDocumentBody(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }))
        callback()
      },
    })
    const rendering = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          clearTimeout(timer)
          rendering.pipe(document)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors in the shell reject and are logged by Remix; these come later, from a boundary.
          if (shellRendered) console.error(error)
        },
      },
    )
  })
}
