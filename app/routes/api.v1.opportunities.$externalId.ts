import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { methodNotAllowed, serveApi } from '#app/features/api/http.server.ts'

/** GET /api/v1/opportunities/{externalId}: read; POST: create or update by the CRM id (docs/api.md, docs/crm-sync.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveApi(request, context.ip, API_ENDPOINTS.getOpportunity, params)
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
  return serveApi(request, context.ip, API_ENDPOINTS.upsertOpportunity, params)
}
