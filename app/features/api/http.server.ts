import { createHash } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { apiIdempotency } from '#db/schema/api.ts'
import { logger } from '#app/core/logger.server.ts'
import { isDomainError, type DomainError } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { authenticateApiKey, RATE_WINDOW_SECONDS, type KeyActor, type KeyUsage } from '#app/features/api/keys.server.ts'
import { rateLimitDefaults } from '#app/features/api/rate-limits.server.ts'
import { grants, type ApiScope } from '#app/features/api/scopes.ts'
import { findNul, nulMessage } from '#app/utils/nul.ts'

/** The largest JSON body the API reads (the HTTP server refuses larger ones before they arrive). */
export const MAX_API_BODY_BYTES = 1024 * 1024
/** Idempotency keys are remembered this long. */
export const IDEMPOTENCY_HOURS = 24

/** The one error body of the API. */
export type ApiErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]>; [extra: string]: unknown } }

/** A refusal with its HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fieldErrors?: Record<string, string[]>; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * The If-Match of an update, for the domain to call inside its transaction with the resource's
 * current revision (its `updatedAt`; null when it does not exist), on the locked row and before it
 * writes: throws 412 when the caller's ETag names another revision. A no-op without If-Match.
 */
export type IfMatch = (revision: Date | null) => void

export type ApiRequest = { actor: Actor; key: KeyActor['key']; request: Request; url: URL; params: Record<string, string | undefined>; body: unknown; ifMatch: IfMatch }
export type ApiResult = { status?: number; body: unknown }
export type ApiEndpoint = {
  scope: ApiScope
  handle: (req: ApiRequest) => Promise<ApiResult>
  /** A single resource: its answer carries an ETag (and answers 304 to a matching If-None-Match). */
  etag?: boolean
  /**
   * An update of one resource that honours `If-Match`: its handler passes `req.ifMatch` to the domain,
   * which checks the revision in its own transaction; this reads the current representation for
   * the 412 answer's ETag.
   */
  current?: (req: ApiRequest) => Promise<unknown>
  /** A write that takes no body: everything it needs is in its address (a DELETE always is); a body sent is not read. */
  bodyless?: boolean
  /** A streamed body of one of these media types, read by the handler from `request.body` (not JSON, not limited to 1 MiB). */
  stream?: readonly string[]
}

/**
 * A strong ETag of a JSON representation: a hash of it and, for a resource with an `updatedAt`,
 * its revision (those milliseconds in base 36), which If-Match is checked against inside the
 * update's transaction.
 */
export function etagOf(body: unknown) {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)
  const updatedAt = body && typeof body === 'object' && 'updatedAt' in body && typeof body.updatedAt === 'string' ? Date.parse(body.updatedAt) : NaN
  return Number.isFinite(updatedAt) ? `"${hash}.${updatedAt.toString(36)}"` : `"${hash}"`
}

const tagsOf = (header: string) => header.split(',').map((t) => t.trim().replace(/^W\//, ''))

/** Does an If-None-Match header list this ETag (a weak W/ form counts; `*` matches anything)? */
function listsEtag(header: string, etag: string) {
  return tagsOf(header).some((t) => t === '*' || t === etag)
}

/** Thrown by an If-Match check in the domain's transaction; answered as 412 with the current ETag. */
class PreconditionFailed extends Error {}

/** The check of an If-Match header: `*` accepts any revision, else one of its ETags must carry the current one. */
function ifMatchOf(header: string | null): IfMatch {
  if (header === null) return () => {}
  const tags = tagsOf(header)
  if (tags.includes('*'))
    return (revision) => {
      if (revision === null) throw new PreconditionFailed(header)
    }
  const revisions = new Set(
    tags
      .map((t) => /^"[A-Za-z0-9_-]{27}\.([0-9a-z]{1,12})"$/.exec(t)?.[1])
      .filter((r): r is string => r !== undefined)
      .map((r) => parseInt(r, 36)),
  )
  return (revision) => {
    if (revision === null || !revisions.has(revision.getTime())) throw new PreconditionFailed(header)
  }
}

const DOMAIN_CODES: Record<DomainError['code'], string> = {
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'not_found',
  invalid: 'invalid_request',
  conflict: 'conflict',
  rate_limited: 'rate_limited',
}

const baseHeaders = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...baseHeaders, ...headers } })
}

export function errorBody(code: string, message: string, fieldErrors?: Record<string, string[]>, details: Record<string, unknown> = {}): ApiErrorBody {
  return { error: { code, message, ...(fieldErrors && Object.keys(fieldErrors).length ? { fieldErrors } : {}), ...details } }
}

/** Any error as the API's answer: ApiError and DomainError as they say; anything else is a 500 that is logged. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (isDomainError(error)) {
    const headers: Record<string, string> = error.status === 429 ? { 'Retry-After': String(error.retryAfterSeconds ?? 60) } : {}
    return new ApiError(error.status, error.status === 413 ? 'too_large' : DOMAIN_CODES[error.code], error.message, { fieldErrors: error.fieldErrors, headers })
  }
  logger.error({ err: error }, 'api request failed')
  return new ApiError(500, 'internal_error', 'Something went wrong on our side. Retry the request; with an Idempotency-Key a retried POST never writes twice.')
}

function errorResponse(error: ApiError, headers: Record<string, string> = {}) {
  return json(error.status, errorBody(error.code, error.message, error.extra.fieldErrors, error.extra.details), { ...headers, ...error.extra.headers })
}

function bearerToken(request: Request) {
  const header = request.headers.get('authorization')
  if (!header)
    throw new ApiError(401, 'unauthenticated', 'Send your API key as "Authorization: Bearer ph_live_…". Keys are created by an organization admin at /settings/api-keys.', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    })
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw new ApiError(401, 'unauthenticated', 'The Authorization header must be "Bearer " followed by your API key.', { headers: { 'WWW-Authenticate': 'Bearer' } })
  return match[1]!
}

/**
 * Two fixed-window limits kept in the database (so they hold across app nodes): per key and per
 * organization (all its keys together), counted by the key check's own statement
 * (`authenticateApiKey`). The RateLimit-* headers describe the tighter of the two; a 429 names the
 * one that was exceeded and when to retry.
 */
function rateLimit({ byKey, byOrg, limits }: KeyUsage, orgName: string) {
  const now = Date.now()
  const retryAfter = (w: { windowStart: Date }) => Math.max(1, Math.ceil((w.windowStart.getTime() + RATE_WINDOW_SECONDS * 1000 - now) / 1000))
  const windows = [
    { what: 'key', limit: limits.perKeyPerMinute, state: byKey, who: 'This key' },
    { what: 'organization', limit: limits.perOrgPerMinute, state: byOrg, who: `The API keys of ${orgName} together` },
  ].map((w) => ({ ...w, remaining: Math.max(0, w.limit - w.state.count), reset: retryAfter(w.state) }))
  const tight = windows.reduce((a, b) => (b.remaining < a.remaining ? b : a))
  const headers = {
    'RateLimit-Limit': String(tight.limit),
    'RateLimit-Remaining': String(tight.remaining),
    'RateLimit-Reset': String(tight.reset),
    'RateLimit-Policy': windows.map((w) => `${w.limit};w=${RATE_WINDOW_SECONDS};comment="${w.what}"`).join(', '),
  }
  const over = windows.filter((w) => w.state.count > w.limit).sort((a, b) => b.reset - a.reset)[0]
  if (over) {
    const at = new Date(now + over.reset * 1000).toISOString()
    throw new ApiError(429, 'rate_limited', `${over.who} made more than ${over.limit} requests in a minute. Retry after ${over.reset} seconds (at ${at}).`, {
      headers: { ...headers, 'RateLimit-Remaining': '0', 'RateLimit-Reset': String(over.reset), 'Retry-After': String(over.reset) },
      details: { retryAfterSeconds: over.reset, retryAt: at, limit: over.what },
    })
  }
  return headers
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text()
  if (Buffer.byteLength(text) > MAX_API_BODY_BYTES) throw new ApiError(413, 'too_large', `The body may be at most ${MAX_API_BODY_BYTES / 1024 / 1024} MiB.`)
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) throw new ApiError(400, 'invalid_request', 'Send the body as JSON with "Content-Type: application/json".')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`)
  }
  const nulAt = findNul(body)
  if (nulAt !== null) throw new ApiError(400, 'invalid_request', nulMessage(nulAt), { fieldErrors: { [nulAt || 'body']: ['Remove the NUL character (\\u0000).'] } })
  return body
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

type Claim = { replay: Response } | { claimed: { keyId: string; idempotencyKey: string } } | null

/**
 * Claims an Idempotency-Key before the write, so a repeat (even a concurrent one) cannot write
 * again: a finished first request is replayed, a different body under the same key is a 422.
 */
async function claimIdempotencyKey(request: Request, url: URL, keyId: string, body: unknown, headers: Record<string, string>): Promise<Claim> {
  const idempotencyKey = request.headers.get('idempotency-key')
  if (idempotencyKey === null) return null
  if (!IDEMPOTENCY_KEY.test(idempotencyKey))
    throw new ApiError(400, 'invalid_request', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters, like a UUID.', {
      fieldErrors: { 'Idempotency-Key': ['Use 1 to 255 visible ASCII characters.'] },
    })
  const requestHash = createHash('sha256')
    .update(`${request.method} ${url.pathname}${url.search}\n${JSON.stringify(body)}`)
    .digest('hex')
  await db
    .delete(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey), sql`${apiIdempotency.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`))
  const claimed = await db
    .insert(apiIdempotency)
    .values({ apiKeyId: keyId, idempotencyKey, method: request.method, path: url.pathname, requestHash })
    .onConflictDoNothing()
    .returning({ key: apiIdempotency.idempotencyKey })
  if (claimed.length) return { claimed: { keyId, idempotencyKey } }
  const [first] = await db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey)))
  if (!first) throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key just finished; retry it.')
  if (first.requestHash !== requestHash) {
    throw new ApiError(422, 'idempotency_mismatch', `This Idempotency-Key was first used for a different request (${first.method} ${first.path} with another body). Use a new key for a new request.`)
  }
  if (first.status === null)
    throw new ApiError(409, 'idempotency_in_progress', 'The first request with this Idempotency-Key is still running. Retry in a moment to get its answer.', { headers: { 'Retry-After': '1' } })
  return { replay: json(first.status, first.responseBody, { ...headers, 'Idempotent-Replayed': 'true' }) }
}

/**
 * Serves one /api/v1 endpoint: the bearer key (never a session cookie), the per-key rate limit,
 * the endpoint's scope, the JSON body and Idempotency-Key of a POST, and every refusal in the one
 * error shape. The endpoint itself calls the same domain functions as the pages, with the key's actor.
 */
export async function serveApi(request: Request, ip: string | null, endpoint: ApiEndpoint, params: Record<string, string | undefined> = {}): Promise<Response> {
  let headers: Record<string, string> = {}
  let claim: Claim = null
  try {
    // One statement: the key, its rate-limit windows, its last use and the audit log's record of use by scope.
    const { actor, key, usage } = await authenticateApiKey(bearerToken(request), ip, { scope: endpoint.scope, defaults: rateLimitDefaults() })
    headers = rateLimit(usage, actor.orgName)
    if (!grants(key.scopes, endpoint.scope)) {
      throw new ApiError(403, 'missing_scope', `The API key "${key.name}" does not have the ${endpoint.scope} scope this request needs. An admin of ${actor.orgName} can create a key that has it.`, {
        details: { missingScope: endpoint.scope },
      })
    }
    const url = new URL(request.url)
    const writes = request.method !== 'GET' && request.method !== 'HEAD'
    if (writes && endpoint.stream) {
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (!endpoint.stream.includes(type))
        throw new ApiError(415, 'unsupported_media_type', `Send the body as ${endpoint.stream.join(' or ')} (Content-Type), not ${type || 'nothing'}.`, {
          fieldErrors: { 'Content-Type': [`Use ${endpoint.stream.join(' or ')}.`] },
        })
    }
    // A streamed body is identified for Idempotency-Key by its type, length and address (it is not read twice); a DELETE names everything in its address.
    const body =
      !writes || endpoint.bodyless || request.method === 'DELETE'
        ? undefined
        : endpoint.stream
          ? { stream: `${request.headers.get('content-type')} ${request.headers.get('content-length')} ${url.search}` }
          : await readJsonBody(request)
    if (writes) claim = await claimIdempotencyKey(request, url, key.id, body, headers)
    if (claim && 'replay' in claim) return claim.replay
    const ifMatch = writes && endpoint.current ? request.headers.get('if-match') : null
    const req: ApiRequest = { actor, key, request, url, params, body, ifMatch: ifMatchOf(ifMatch) }
    let result: ApiResult
    try {
      result = await endpoint.handle(req)
    } catch (error) {
      if (!(error instanceof PreconditionFailed) || !endpoint.current) throw error
      // The domain's transaction refused the write and rolled back; read what is current now for the answer.
      const now = etagOf(await endpoint.current(req))
      throw new ApiError(
        412,
        'precondition_failed',
        `This resource changed since you read it: If-Match was ${ifMatch!.slice(0, 80)} but its ETag is now ${now}. GET it again, check that your change still applies, and retry with the new ETag.`,
        { headers: { ETag: now }, details: { currentEtag: now } },
      )
    }
    const status = result.status ?? 200
    if (endpoint.etag || endpoint.current) {
      const tag = etagOf(result.body)
      headers = { ...headers, ETag: tag }
      const ifNoneMatch = request.headers.get('if-none-match')
      if (!writes && ifNoneMatch !== null && listsEtag(ifNoneMatch, tag)) return new Response(null, { status: 304, headers: { 'Cache-Control': 'no-store', ...headers } })
    }
    if (claim && 'claimed' in claim) {
      await db
        .update(apiIdempotency)
        .set({ status, responseBody: result.body })
        .where(and(eq(apiIdempotency.apiKeyId, claim.claimed.keyId), eq(apiIdempotency.idempotencyKey, claim.claimed.idempotencyKey)))
    }
    return json(status, result.body, headers)
  } catch (error) {
    // Nothing was written: the key may be used again for the corrected request.
    if (claim && 'claimed' in claim) {
      await db.delete(apiIdempotency).where(and(eq(apiIdempotency.apiKeyId, claim.claimed.keyId), eq(apiIdempotency.idempotencyKey, claim.claimed.idempotencyKey)))
    }
    return errorResponse(toApiError(error), headers)
  }
}

/** A method the route does not serve. */
export function methodNotAllowed(allowed: string[]) {
  return json(405, errorBody('method_not_allowed', `This address answers ${allowed.join(' and ')} only.`), { Allow: allowed.join(', ') })
}

/** Removes remembered Idempotency-Keys past their lifetime (a job). */
export async function expireIdempotencyKeys() {
  await db.delete(apiIdempotency).where(sql`${apiIdempotency.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
}
