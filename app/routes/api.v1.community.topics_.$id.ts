import type { LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/community/topics/{id}: the topic with a page of its replies (docs/api.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.getCommunityTopic, params)
}

export async function action() {
  return methodNotAllowed(['GET'])
}
