import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/community/topics: list; POST: start a topic (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.listCommunityTopics)
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
  return serveApi(request, context.ip, API_ENDPOINTS.createCommunityTopic)
}
