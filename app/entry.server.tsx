/**
 * The server entry (Remix's default for Node, plus a Content-Security-Policy): every HTML
 * response gets a fresh nonce, sent in its CSP header and put on every inline script the render
 * emits — Remix's <Scripts> and <ScrollRestoration> (through useNonce in root.tsx), single
 * fetch's streamed data (RemixServer's nonce) and React's own streaming scripts.
 */
import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { markRequest } from '#db/query-stats.server.ts'
import { contentSecurityPolicy, createNonce } from '#app/http/csp.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'

const ABORT_DELAY = 5_000

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, _loadContext: AppLoadContext) {
  markRequest('render')
  const nonce = createNonce()
  responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' }))
  // Bots get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const ready = () => {
      shellRendered = true
      const body = new PassThrough()
      const stream = createReadableStreamFromReadable(body)
      responseHeaders.set('Content-Type', 'text/html')
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }))
      pipe(body)
    }
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady: waitForAll ? undefined : ready,
        onAllReady: waitForAll ? ready : undefined,
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors in the shell reject and are logged by Remix; these come later, while streaming.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1_000)
  })
}
