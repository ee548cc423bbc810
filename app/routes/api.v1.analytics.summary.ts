import type { LoaderFunctionArgs } from '@remix-run/node'
import { getSummary } from '#app/features/analytics/metrics.server.ts'
import { filtersOf, paramErrors, periodQuerySchema, searchParamsObject } from '#app/features/analytics/period.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { errorBody, serveApi } from '#app/features/api/http.server.ts'

const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers })
const DOMAIN_CODES = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' } as Record<number, string>

/**
 * GET /api/v1/analytics/summary?from=2026-01-01&to=2026-07-01[&type=…][&tier=…][&region=…]
 * The summary document of docs/metrics.md for the vendor's team: 401 without a session, 403 for
 * partners, 400 naming each bad parameter, always in the API's one error shape (docs/api.md).
 * With an `Authorization` header it is an API request (a key with analytics:read).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.headers.has('authorization')) return serveApi(request, context.ip, API_ENDPOINTS.analyticsSummary)
  const actor = context.actor
  if (!actor) return json(errorBody('unauthenticated', 'Sign in to read analytics, or send an API key with analytics:read as a bearer token.'), 401)
  const parsed = periodQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams))
  if (!parsed.success) {
    const errors = paramErrors(parsed.error)
    return json(errorBody('invalid_request', `Bad query parameters: ${Object.keys(errors).join(', ')}.`, errors), 400)
  }
  try {
    return json(await getSummary(actor, { from: parsed.data.from, to: parsed.data.to }, filtersOf(parsed.data)))
  } catch (error) {
    if (isDomainError(error)) return json(errorBody(DOMAIN_CODES[error.status] ?? 'invalid_request', error.message, error.fieldErrors), error.status)
    throw error
  }
}
