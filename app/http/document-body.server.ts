/**
 * A rendered document travels from the server entry to the Express handler as a buffer on a
 * body-less Response (see remix-handler.server.ts). A global symbol: the server entry is bundled
 * by Vite and the handler is not, so the two never share a module instance.
 */
const DOCUMENT_BODY = Symbol.for('partner-hub.documentBody')
type WithDocumentBody = Response & { [DOCUMENT_BODY]?: Buffer }

export function withDocumentBody(body: Buffer, init: ResponseInit): Response {
  const response = new Response(null, init) as WithDocumentBody
  response[DOCUMENT_BODY] = body
  return response
}

export function documentBodyOf(response: Response): Buffer | undefined {
  return (response as WithDocumentBody)[DOCUMENT_BODY]
}
