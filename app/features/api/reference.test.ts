import { renderToStaticMarkup } from 'react-dom/server'
import { createElement } from 'react'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '#app/features/api/openapi.server.ts'
import { apiReference } from '#app/features/api/reference.server.ts'
import { ReferenceView } from '#app/features/api/ui/reference.tsx'
import { WEBHOOK_EVENT_TYPE_LIST } from '#app/features/webhooks/catalog.ts'

/** /docs/api/reference: rendered on the server from the OpenAPI document, with every path, method and webhook event. */
describe('the API reference page', () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> }
  const html = renderToStaticMarkup(createElement(ReferenceView, { reference: apiReference() }))

  it('renders every path and method of /api/v1/openapi.json as its own section', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method: method.toUpperCase() })))
    expect(operations.length).toBeGreaterThan(15)
    for (const { path, method } of operations) {
      expect(html, `${method} ${path}`).toContain(`data-path="${path}" data-method="${method}"`)
    }
    expect(html.match(/data-testid="operation"/g)?.length).toBe(operations.length + WEBHOOK_EVENT_TYPE_LIST.length)
  })

  it('renders every webhook event type, with its message fields and example', () => {
    for (const type of WEBHOOK_EVENT_TYPE_LIST) expect(html).toContain(`data-path="${type}"`)
    expect(html).toContain('webhook-signature')
    expect(html).toMatch(/&quot;type&quot;: &quot;referral.won&quot;/)
  })

  it('is accessible in structure: a labelled contents nav, unique ids, tables with captions and header cells', () => {
    expect(html).toContain('<nav aria-label="API reference contents"')
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    const tables = html.match(/<table/g)?.length ?? 0
    expect(html.match(/<caption/g)?.length).toBe(tables)
    expect(html).toContain('<th scope="col"')
    // Body fields of a write are listed (CreateReferral's account name).
    expect(html).toContain('accountName')
    // A request body's documented example is shown (starting a community topic).
    expect(html).toMatch(/&quot;space&quot;: &quot;co-sell-emea&quot;/)
  })
})
