import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/referrals: list; POST: refer a customer (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.listReferrals)
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
  return serveApi(request, context.ip, API_ENDPOINTS.createReferral)
}
