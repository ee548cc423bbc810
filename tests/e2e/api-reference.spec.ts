import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '#tests/e2e/fixtures.ts'

const COMMUNITY = [
  ['GET', '/api/v1/community/spaces'],
  ['GET', '/api/v1/community/topics'],
  ['POST', '/api/v1/community/topics'],
  ['GET', '/api/v1/community/topics/{id}'],
  ['POST', '/api/v1/community/topics/{id}/replies'],
  ['POST', '/api/v1/community/replies/{id}/reactions'],
  ['DELETE', '/api/v1/community/replies/{id}/reactions/{reaction}'],
  ['POST', '/api/v1/community/spaces/{space}/follow'],
  ['DELETE', '/api/v1/community/spaces/{space}/follow'],
  ['POST', '/api/v1/community/topics/{id}/follow'],
  ['DELETE', '/api/v1/community/topics/{id}/follow'],
  ['POST', '/api/v1/community/topics/{id}/accepted-answer'],
] as const

/**
 * A developer opens the API reference from the API guide, finds the community endpoints through
 * the contents, reads what starting a topic takes and its example, and the page is accessible.
 */
test('the API reference renders every operation, community included, from the OpenAPI document', async ({ page, request }) => {
  // A long page (every operation and webhook event): its accessibility scan alone takes seconds on a loaded machine.
  test.setTimeout(120_000)
  const doc = await (await request.get('/api/v1/openapi.json')).json()
  for (const [method, path] of COMMUNITY) expect(doc.paths[path], path).toHaveProperty(method.toLowerCase())

  await page.goto('/docs/api')
  await page.getByRole('link', { name: 'API reference' }).first().click()
  await expect(page).toHaveURL(/\/docs\/api\/reference$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('reference')

  const contents = page.getByRole('navigation', { name: 'API reference contents' })
  await contents.getByRole('link', { name: 'community', exact: true }).click()
  await expect(page).toHaveURL(/#group-community$/)
  const group = page.getByRole('region', { name: 'community', exact: true })
  await expect(group).toBeVisible()
  for (const [method, path] of COMMUNITY) {
    await expect(group.locator(`[data-testid="operation"][data-path="${path}"][data-method="${method}"]`), `${method} ${path}`).toHaveCount(1)
  }
  // Every operation of the document has its section.
  const operations = Object.values(doc.paths as Record<string, object>).reduce((n: number, item) => n + Object.keys(item).length, 0)
  await expect(page.locator('[data-testid="operation"][data-path^="/api/"]')).toHaveCount(operations)

  const create = group.locator('[data-testid="operation"][data-path="/api/v1/community/topics"][data-method="POST"]')
  await expect(create.getByRole('table', { name: /Body/ })).toContainText('space')
  await expect(create).toContainText('community:write')
  // Headings in order (h1, a group's h2, an operation's h3), and the descriptions' `code` as code, not backticks.
  await expect(page.getByRole('heading', { level: 2, name: 'community', exact: true })).toBeVisible()
  await expect(create.getByRole('heading', { level: 3 })).toContainText('/api/v1/community/topics')
  await expect(create.locator('p code', { hasText: 'community:write' })).toBeVisible()
  await expect(create).not.toContainText('`')
  await expect(page.getByRole('main').getByRole('link', { name: '/docs/api', exact: true })).toHaveAttribute('href', '/docs/api')
  await expect(create).toContainText('Idempotency-Key')
  await create.getByText('Example', { exact: true }).click()
  await expect(create.locator('pre')).toContainText('"kind": "question"')

  // The page's frame (contents, headings) and the community operations; the other groups share their markup.
  const results = await new AxeBuilder({ page }).include('nav[aria-label="API reference contents"]').include('h1').include('#group-community').analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`)).toEqual([])
})
