import type { LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/partners/{id} (docs/api.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.getPartner, params)
}

export async function action() {
  return methodNotAllowed(['GET'])
}
