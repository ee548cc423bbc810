import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseSearchParams } from '../features/search/schemas.ts'
import { searchMarketplace, toApiResponse } from '../features/search/search.server.ts'
import { isDomainError } from '../utils/errors.ts'

const headers = { 'Content-Type': 'application/json; charset=utf-8' }

/**
 * GET /api/v1/search — public, read-only marketplace search.
 * q, kind, type, tier, region, industry, category (repeatable), sort, page, perPage (≤ 100).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams)
  if (!parsed.ok) return new Response(JSON.stringify({ error: parsed.errors.join(' '), errors: parsed.errors }), { status: 400, headers })
  try {
    const result = await searchMarketplace(parsed.params)
    return new Response(JSON.stringify(toApiResponse(result)), { status: 200, headers: { ...headers, 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (isDomainError(error)) return new Response(JSON.stringify({ error: error.message, errors: [error.message] }), { status: error.status, headers })
    throw error
  }
}
