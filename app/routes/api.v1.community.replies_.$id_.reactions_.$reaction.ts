import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** DELETE /api/v1/community/replies/{id}/reactions/{reaction}: take back a reaction (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['DELETE'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return request.method === 'DELETE' ? serveApi(request, context.ip, API_ENDPOINTS.removeCommunityReaction, params) : methodNotAllowed(['DELETE'])
}
