import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/accounts/bulk: CSV or JSON lines, streamed (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['POST'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['POST'])
  return serveApi(request, context.ip, API_ENDPOINTS.bulkAccounts, params)
}
