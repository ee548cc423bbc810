import type { LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/community/spaces (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.listCommunitySpaces)
}

export async function action() {
  return methodNotAllowed(['GET'])
}
