import fs from 'node:fs'
import createClient from 'openapi-fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createPartner } from '#tests/factories/index.ts'
import { generateSchemaTypes, SCHEMA_TYPES_PATH } from '#app/features/api/client/generate.server.ts'
import type { paths } from '#app/features/api/client/schema.d.ts'
import { API_ENDPOINTS, type DocumentedEndpoint } from '#app/features/api/endpoints.server.ts'
import { openApiDocument } from '#app/features/api/openapi.server.ts'
import { ApiErrorSchema } from '#app/features/api/schemas.ts'
import { apiKeyFor, routePathOf, startApiServer } from '#app/features/api/testing.server.ts'

/** The typed client (openapi-typescript + openapi-fetch) and the document it is generated from. */
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string

beforeAll(async () => {
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('the OpenAPI document and its typed client', () => {
  it('the committed schema.d.ts is what npm run api:types generates now', async () => {
    const committed = fs.readFileSync(SCHEMA_TYPES_PATH, 'utf8')
    expect(committed === (await generateSchemaTypes()), `${SCHEMA_TYPES_PATH} is stale: run npm run api:types and commit it`).toBe(true)
  })

  it('documents every endpoint and every api.v1 route file, and no path without a route', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> }
    for (const e of Object.values(API_ENDPOINTS)) expect(doc.paths[e.path], e.path).toHaveProperty(e.method)
    const routePaths = fs
      .readdirSync('app/routes')
      .filter((f) => f.startsWith('api.v1.') && !f.startsWith('api.v1.openapi'))
      .map((f) => `/${routePathOf(f, 'openapi')}`)
    expect(new Set(Object.keys(doc.paths))).toEqual(new Set(routePaths))
  })

  it('every documented example validates against the zod schema the route parses and answers with', () => {
    let checked = 0
    const seen = new Set<z.ZodTypeAny>()
    const visit = (where: string, schema: z.ZodTypeAny | undefined) => {
      if (!schema || seen.has(schema)) return
      seen.add(schema)
      const example = (schema._def as { openapi?: { metadata?: { example?: unknown } } }).openapi?.metadata?.example
      if (example !== undefined) {
        const result = schema.safeParse(example)
        expect(result.success, `${where}: ${JSON.stringify(example)} → ${result.success ? '' : JSON.stringify(result.error.issues)}`).toBe(true)
        checked++
      }
      const def = schema._def as Record<string, any>
      if (schema instanceof z.ZodObject) for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) visit(`${where}.${k}`, v)
      for (const inner of [def.innerType, def.schema, def.type, def.valueType, ...(def.options ?? [])]) if (inner instanceof z.ZodType) visit(where, inner)
    }
    for (const [name, e] of Object.entries(API_ENDPOINTS) as [string, DocumentedEndpoint][]) {
      for (const part of ['query', 'params', 'body', 'streamBody', 'response'] as const) visit(`${name}.${part}`, e[part])
    }
    visit('Error', ApiErrorSchema)
    expect(checked).toBeGreaterThan(20)
  })

  it('the typed client drives the API: a referral created and read with openapi-fetch', async () => {
    const sender = await createPartner()
    const receiver = await createPartner()
    const client = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${await apiKeyFor(sender.admin, ['referrals:write'])}` } })
    const created = await client.POST('/api/v1/referrals', {
      body: { toOrg: receiver.org.slug, accountName: 'Typed Corp', accountDomain: 'typed-client.example', need: 'Needs a typed integration soon.', estimatedValue: 100_000 },
      params: { header: { 'Idempotency-Key': 'typed-1' } },
    })
    expect(created.response.status).toBe(201)
    const id = created.data!.id
    const read = await client.GET('/api/v1/referrals/{id}', { params: { path: { id } } })
    expect(read.data).toMatchObject({ id, status: 'submitted', accountDomain: 'typed-client.example' })
    const missing = await client.GET('/api/v1/referrals/{id}', { params: { path: { id: 'nope0000nope0000' } } })
    expect(missing.error?.error.code).toBe('not_found')
    const list = await client.GET('/api/v1/referrals', { params: { query: { limit: 5 } } })
    expect(list.data!.data.map((r) => r.id)).toContain(id)
  })
})
