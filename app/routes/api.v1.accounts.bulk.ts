import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/accounts/bulk: CSV or JSON lines, streamed (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['POST'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['POST'])
  const response = await serveApi(request, context.ip, API_ENDPOINTS.bulkAccounts, params)
  // A refusal before the rows were read (no key, wrong scope, wrong media type) still reads the rest
  // of the upload (at most the route's size limit), so the client gets the answer, not a reset connection.
  if (request.body && !request.bodyUsed) await drain(request.body)
  return response
}

async function drain(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  try {
    while (!(await reader.read()).done) {
      // discard
    }
  } catch {
    // The client went away: nothing left to read.
  }
}
