import { defineModule } from '#app/core/module.ts'
import { apiEvents } from '#app/features/api/events.ts'
import { expireIdempotencyKeys } from '#app/features/api/http.server.ts'

export const apiModule = defineModule({
  name: 'api',
  summary: 'The public REST API under /api/v1: organization API keys with scopes, per-key rate limits, idempotent POSTs and the OpenAPI document.',
  events: apiEvents,
  // A plain DELETE of old rows: safe on many nodes at once.
  jobs: [{ name: 'api-idempotency-expiry', everyMs: 60 * 60_000, run: () => expireIdempotencyKeys() }],
})
