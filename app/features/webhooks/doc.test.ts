import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPE_LIST } from '#app/features/webhooks/catalog.ts'
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
})
