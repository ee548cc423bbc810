import { OpenApiGeneratorV31, OpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import { remember } from '#app/core/remember.ts'
import { API_ENDPOINTS, type DocumentedEndpoint } from '#app/features/api/endpoints.server.ts'
import { IDEMPOTENCY_HOURS } from '#app/features/api/http.server.ts'
import { ApiErrorSchema } from '#app/features/api/schemas.ts'
import { API_SCOPES } from '#app/features/api/scopes.ts'
import { WEBHOOK_EVENT_TYPE_LIST, WEBHOOK_EVENT_TYPES, webhookMessageSchema, type WebhookEventType } from '#app/features/webhooks/catalog.ts'
import { webhookExample } from '#app/features/webhooks/examples.ts'

const ERRORS: Record<number, string> = {
  400: 'Malformed JSON, an unknown field or parameter, a bad cursor, or input a person must fix (see fieldErrors).',
  401: 'No key, or a key that is not valid, revoked or expired.',
  403: 'The key lacks the scope (missingScope), or its organization may not do this (e.g. a suspended partner writing).',
  404: 'Not found, or not visible to your organization.',
  409: 'A conflict: the state changed, a referral conflict to review, or the same Idempotency-Key still running.',
  413: 'The body is larger than 1 MiB.',
  412: 'If-Match named an ETag that is no longer current: the resource changed since you read it (currentEtag).',
  415: 'The body is not one of the media types this endpoint reads.',
  422: 'The Idempotency-Key was first used with a different request, or (bulk accounts, strict mode) rows have problems: see rowErrors; nothing was written.',
  429: 'Rate limited (per key or per organization; error.limit says which): retry after Retry-After seconds, at error.retryAt.',
}

const rateHeaders = {
  'RateLimit-Limit': { description: 'Requests per minute of the tighter limit: per key, or per organization (all its keys).', schema: { type: 'integer' as const } },
  'RateLimit-Policy': { description: 'Both limits: `1200;w=60;comment="key", 1200;w=60;comment="organization"`.', schema: { type: 'string' as const } },
  'RateLimit-Remaining': { description: 'Requests left in this window.', schema: { type: 'integer' as const } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' as const } },
}

const errorResponses = (codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: ERRORS[code]!, content: { 'application/json': { schema: ApiErrorSchema } } }]))

function routeOf(endpoint: DocumentedEndpoint): RouteConfig {
  const writes = endpoint.method === 'post'
  const codes = [
    ...new Set([
      400,
      401,
      403,
      429,
      ...(endpoint.params ? [404] : []),
      ...(writes ? [409, 413, 422] : []),
      ...(endpoint.current ? [412] : []),
      ...(endpoint.stream ? [415] : []),
      ...(endpoint.errors ?? []),
    ]),
  ].sort()
  const etagHeader = endpoint.etag || endpoint.current ? { ETag: { description: 'The version of this resource: send it in If-Match with an update.', schema: { type: 'string' as const } } } : {}
  const success: ResponseConfig = { description: 'OK', headers: { ...rateHeaders, ...etagHeader } as ResponseConfig['headers'], content: { 'application/json': { schema: endpoint.response } } }
  return {
    method: endpoint.method,
    path: endpoint.path,
    summary: endpoint.summary,
    description: `${endpoint.description ?? ''}\n\nScope: \`${endpoint.scope}\`${endpoint.scope.endsWith(':read') ? ` (or \`${endpoint.scope.replace(':read', ':write')}\`)` : ''}.`.trim(),
    tags: [endpoint.path.split('/')[3] ?? 'api'],
    security: [{ apiKey: [] }],
    request: {
      query: endpoint.query,
      params: endpoint.params,
      headers: writes
        ? z.object({
            ...(endpoint.current
              ? {
                  'If-Match': z
                    .string()
                    .optional()
                    .openapi({ description: 'The ETag of your last read: the change is refused with 412 if the resource changed since.', example: '"3q2-7wEAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"' }),
                }
              : {}),
            'Idempotency-Key': z
              .string()
              .max(255)
              .optional()
              .openapi({
                description: `Makes a retry safe: a repeat with the same key and body within ${IDEMPOTENCY_HOURS} hours returns the first answer and writes nothing.`,
                example: '5b0f7c7e-3a4e-4c55-9d1f-0c7d2a9e8b11',
              }),
          })
        : undefined,
      body: endpoint.body
        ? { required: true, content: { 'application/json': { schema: endpoint.body } } }
        : endpoint.stream && endpoint.streamBody
          ? { required: true, content: Object.fromEntries(endpoint.stream.map((type) => [type, { schema: endpoint.streamBody! }])) }
          : undefined,
    },
    responses: {
      [endpoint.status]: success,
      ...(endpoint.createdStatus ? { [endpoint.createdStatus]: { ...success, description: 'Created' } } : {}),
      ...(endpoint.etag ? { 304: { description: 'Not modified: If-None-Match named the current ETag.' } } : {}),
      ...errorResponses(codes),
    },
  }
}

/** The public search, which needs no key (answered before sessions; see /docs/search). */
const searchRoute: RouteConfig = {
  method: 'get',
  path: '/api/v1/search',
  summary: 'Search the marketplace',
  description: 'Public and read-only: no key needed. Parameters: q, kind, type, tier, region, industry, category (repeatable), sort, page, perPage (at most 100). Unknown parameters answer 400.',
  tags: ['search'],
  security: [],
  request: { query: z.object({ q: z.string().optional(), page: z.string().optional(), perPage: z.string().optional() }) },
  responses: {
    200: { description: 'Results', content: { 'application/json': { schema: z.object({}).passthrough().openapi('SearchResults') } } },
    400: { description: 'Bad parameters.' },
    503: { description: 'Search is temporarily unavailable; see Retry-After.' },
  },
}

/**
 * One webhook event type as OpenAPI 3.1 `webhooks` entry: the message your endpoint receives,
 * from the same zod schema the sender builds it through, with an example and the signing headers.
 */
function webhookRoute(registry: OpenAPIRegistry, type: WebhookEventType): RouteConfig {
  const name = type
    .split(/[._]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
  return {
    method: 'post',
    path: type,
    summary: type,
    description: `${WEBHOOK_EVENT_TYPES[type].description}\n\nSigned per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); retried with backoff for 24 hours until your endpoint answers 2xx. See /docs/webhooks.`,
    tags: [`webhooks: ${WEBHOOK_EVENT_TYPES[type].group}`],
    request: {
      headers: z.object({
        'webhook-id': z.string().openapi({ description: 'Stable per event and endpoint: deduplicate on it.', example: 'msg_1042_ep7c2e9a41' }),
        'webhook-timestamp': z.string().openapi({ description: 'Seconds since the epoch when it was signed.', example: '1772443800' }),
        'webhook-signature': z.string().openapi({ description: 'One `v1,<base64 HMAC-SHA256>` per active secret, space-separated.', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' }),
      }),
      body: {
        required: true,
        // Registered as a component: the generator does not collect components from webhooks by itself.
        content: { 'application/json': { schema: registry.register(`${name}Webhook`, webhookMessageSchema(type)), example: webhookExample(type) } },
      },
    },
    responses: {
      200: { description: 'Any 2xx: delivered. Anything else, or no answer within 15 seconds, is retried.' },
    },
  }
}

/** The OpenAPI 3.1 document of /api/v1, generated from the schemas the routes parse and answer with. */
export function openApiDocument() {
  return remember('api-openapi-document', () => {
    const registry = new OpenAPIRegistry()
    registry.registerComponent('securitySchemes', 'apiKey', {
      type: 'http',
      scheme: 'bearer',
      description: `An organization's API key (ph_live_…), created by an admin at /settings/api-keys. Scopes: ${API_SCOPES.join(', ')}.`,
    })
    registry.register('Error', ApiErrorSchema)
    for (const endpoint of Object.values(API_ENDPOINTS) as DocumentedEndpoint[]) registry.registerPath(routeOf(endpoint))
    registry.registerPath(searchRoute)
    for (const type of WEBHOOK_EVENT_TYPE_LIST) registry.registerWebhook(webhookRoute(registry, type))
    return new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Partner Hub API',
        version: '1',
        description: 'Connect your CRM or PRM to the partner marketplace. Keys, errors, pagination, idempotency and rate limits: /docs/api.',
      },
      servers: [{ url: '/' }],
    })
  })
}
