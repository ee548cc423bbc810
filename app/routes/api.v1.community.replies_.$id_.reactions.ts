import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/community/replies/{id}/reactions: react to a reply (docs/api.md); reactions are taken back at …/reactions/{reaction}. */
export async function loader() {
  return methodNotAllowed(['POST'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return request.method === 'POST' ? serveApi(request, context.ip, API_ENDPOINTS.reactToCommunityReply, params) : methodNotAllowed(['POST'])
}
