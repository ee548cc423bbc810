import type { ActionFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** POST /api/v1/community/topics/{id}/accepted-answer: accept a reply as a question's answer (docs/api.md). */
export async function loader() {
  return methodNotAllowed(['POST'])
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return request.method === 'POST' ? serveApi(request, context.ip, API_ENDPOINTS.acceptCommunityAnswer, params) : methodNotAllowed(['POST'])
}
