import type { SearchResult } from '../../../search/types.ts'
import { isDomainError } from '../../utils/errors.ts'
import { type ParsedSearch, parseSearchParams } from './schemas.ts'
import { searchMarketplace, toApiResponse } from './search.server.ts'

export type ApiAnswer = { status: number; body: string | Buffer; headers: Record<string, string> }

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }

/** Parsed query strings (parsing is pure): repeated searches skip validation's cost. */
const PARSED_LIMIT = 2000
const parsed = new Map<string, ParsedSearch>()

function parseQueryString(query: string): ParsedSearch {
  let result = parsed.get(query)
  if (!result) {
    result = parseSearchParams(new URLSearchParams(query))
    if (query.length <= 2048) {
      parsed.set(query, result)
      if (parsed.size > PARSED_LIMIT) parsed.delete(parsed.keys().next().value!)
    }
  }
  return result
}

/** The JSON body of each result the engine keeps: an answer served from its cache is serialized once. */
const bodies = new WeakMap<SearchResult, Buffer>()

/**
 * GET /api/v1/search — public, read-only marketplace search.
 * q, kind, type, tier, region, industry, category (repeatable), sort, page, perPage (≤ 100).
 * Unknown parameters or values, and domain errors (an unknown category), answer 400 with messages.
 */
export async function answerSearchApi(searchParams: URLSearchParams | string): Promise<ApiAnswer> {
  const parsed = parseQueryString(typeof searchParams === 'string' ? searchParams : searchParams.toString())
  if (!parsed.ok) return { status: 400, body: JSON.stringify({ error: parsed.errors.join(' '), errors: parsed.errors }), headers: JSON_TYPE }
  try {
    const result = await searchMarketplace(parsed.params)
    let body = bodies.get(result)
    if (!body) {
      body = Buffer.from(JSON.stringify(toApiResponse(result)))
      bodies.set(result, body)
    }
    return { status: 200, body, headers: { ...JSON_TYPE, 'Cache-Control': 'no-store' } }
  } catch (error) {
    if (isDomainError(error)) return { status: error.status, body: JSON.stringify({ error: error.message, errors: [error.message] }), headers: JSON_TYPE }
    throw error
  }
}

/** GET /api/v1/search as a public route of the HTTP server (app/http/public-routes.server.ts). */
export async function searchApiRoute(query: string) {
  const answer = await answerSearchApi(query)
  return { ...answer, body: typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body }
}
