import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/cosell: list; POST: open one (docs/api.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.listCosell, params)
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return request.method === 'POST' ? serveApi(request, context.ip, API_ENDPOINTS.createCosell, params) : methodNotAllowed(['GET', 'POST'])
}
