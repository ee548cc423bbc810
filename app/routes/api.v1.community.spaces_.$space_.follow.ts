import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/community/spaces/{space}/follow: follow a space; DELETE: stop following it (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['POST', 'DELETE'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method === 'POST') return serveApi(request, context.ip, API_ENDPOINTS.followCommunitySpace, params)
  if (request.method === 'DELETE') return serveApi(request, context.ip, API_ENDPOINTS.unfollowCommunitySpace, params)
  return methodNotAllowed(['POST', 'DELETE'])
}
