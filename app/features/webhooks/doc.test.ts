import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPE_LIST, webhookMessageSchema, type WebhookEventType } from '#app/features/webhooks/catalog.ts'
import { openApiDocument } from '#app/features/api/openapi.server.ts'
import { renderWebhooksDoc } from '#app/features/webhooks/doc.ts'

describe('docs/webhooks.md', () => {
  it('is what the catalog and the event schemas generate (run `npm run docs:webhooks` after changing them)', () => {
    expect(fs.readFileSync('docs/webhooks.md', 'utf8')).toBe(renderWebhooksDoc())
  })

  it('documents every event type an endpoint can choose, with its fields', () => {
    const doc = renderWebhooksDoc()
    for (const type of WEBHOOK_EVENT_TYPE_LIST) expect(doc).toContain(`#### \`${type}\``)
    expect(doc).toMatch(/\| `fromOrgId` \| string \| yes \|/)
  })

  it("the OpenAPI document's webhooks section has every event type, from the same schema, and each documented example validates", () => {
    type Op = { post: { requestBody: { content: { 'application/json': { schema: { $ref: string }; example: unknown } } } } }
    const doc = openApiDocument() as unknown as { webhooks: Record<string, Op>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } }
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPE_LIST].sort())
    for (const [type, op] of Object.entries(doc.webhooks)) {
      const { schema, example } = op.post.requestBody.content['application/json']
      const result = webhookMessageSchema(type as WebhookEventType)
        .strict()
        .safeParse(example)
      expect(result.success, `${type}: ${result.success ? '' : result.error.message}`).toBe(true)
      // The documented data fields are exactly the schema's (the generated client types follow them: client.test.ts fails when stale).
      const component = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!
      const data = component.properties.data as { properties?: Record<string, unknown>; $ref?: string }
      const fields = Object.keys(data.properties ?? {}).sort()
      expect(fields, type).toEqual(Object.keys(webhookMessageSchema(type as WebhookEventType).shape.data.shape).sort())
    }
  })
})
