import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/community/topics/{id}/follow: follow a topic; DELETE: stop following it (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['POST', 'DELETE'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method === 'POST') return serveApi(request, context.ip, API_ENDPOINTS.followCommunityTopic, params)
  if (request.method === 'DELETE') return serveApi(request, context.ip, API_ENDPOINTS.unfollowCommunityTopic, params)
  return methodNotAllowed(['POST', 'DELETE'])
}
