import type { SearchResult } from '#search/types.ts'
import type { PublicAnswer } from '#app/core/module.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { type ParsedSearch, parseSearchParams } from '#app/features/search/schemas.ts'
import { searchMarketplace, SearchUnavailableError, toApiResponse } from '#app/features/search/search.server.ts'

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }
const errorAnswer = (status: number, errors: string[]): PublicAnswer => ({ status, body: Buffer.from(JSON.stringify({ error: errors.join(' '), errors })), headers: JSON_TYPE })

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
export async function answerSearchApi(searchParams: URLSearchParams | string): Promise<PublicAnswer> {
  const parsed = parseQueryString(typeof searchParams === 'string' ? searchParams : searchParams.toString())
  if (!parsed.ok) return errorAnswer(400, parsed.errors)
  try {
    const result = await searchMarketplace(parsed.params)
    let body = bodies.get(result)
    if (!body) {
      body = Buffer.from(JSON.stringify(toApiResponse(result)))
      bodies.set(result, body)
    }
    return { status: 200, body, headers: { ...JSON_TYPE, 'Cache-Control': 'no-store' } }
  } catch (error) {
    if (isDomainError(error)) return errorAnswer(error.status, [error.message])
    if (error instanceof SearchUnavailableError) {
      const answer = errorAnswer(503, [error.message])
      return { ...answer, headers: { ...answer.headers, 'Retry-After': String(error.retryAfterSeconds), 'Cache-Control': 'no-store' } }
    }
    throw error
  }
}
