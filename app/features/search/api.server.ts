import type { RequestHandler } from 'express'
import { isDomainError } from '../../utils/errors.ts'
import { parseSearchParams } from './schemas.ts'
import { searchMarketplace, toApiResponse } from './search.server.ts'

export type ApiAnswer = { status: number; body: string; headers: Record<string, string> }

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }

/**
 * GET /api/v1/search — public, read-only marketplace search.
 * q, kind, type, tier, region, industry, category (repeatable), sort, page, perPage (≤ 100).
 * Unknown parameters or values, and domain errors (an unknown category), answer 400 with messages.
 */
export async function answerSearchApi(searchParams: URLSearchParams): Promise<ApiAnswer> {
  const parsed = parseSearchParams(searchParams)
  if (!parsed.ok) return { status: 400, body: JSON.stringify({ error: parsed.errors.join(' '), errors: parsed.errors }), headers: JSON_TYPE }
  try {
    const result = await searchMarketplace(parsed.params)
    return { status: 200, body: JSON.stringify(toApiResponse(result)), headers: { ...JSON_TYPE, 'Cache-Control': 'no-store' } }
  } catch (error) {
    if (isDomainError(error)) return { status: error.status, body: JSON.stringify({ error: error.message, errors: [error.message] }), headers: JSON_TYPE }
    throw error
  }
}

/**
 * The same endpoint as plain Express middleware, mounted before sessions and Remix: it is public
 * and the same for everyone, and Remix's per-request work (a Fetch Request, route matching, a
 * streamed Response) is a large share of a cached search.
 */
export const searchApiHandler: RequestHandler = (req, res, next) => {
  const query = req.originalUrl.indexOf('?')
  answerSearchApi(new URLSearchParams(query === -1 ? '' : req.originalUrl.slice(query + 1))).then((answer) => {
    const body = Buffer.from(answer.body)
    res.writeHead(answer.status, { ...answer.headers, 'Content-Length': body.length })
    res.end(body)
  }, next)
}
