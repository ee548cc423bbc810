import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(serious).toEqual([])
}

/**
 * The seeded portfolio (db/seed/steps/partnerships.ts): the vendor's team sees its three strategic
 * partnerships ranked weakest first with their warnings; a partner sees only its own partnerships,
 * and another organization's partnership is not found.
 */
test('the vendor sees the three seeded states and their warnings; a partner sees only its own partnerships', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const vendor = await signedInPage('member@vendor.test', { to: '/admin/partnerships/portfolio' })
  await expect(vendor.getByRole('heading', { level: 1, name: 'Partnership portfolio' })).toBeVisible()
  const rows = vendor.getByTestId('health-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toHaveAttribute('data-partnership', 'seed-ps-drifting')
  await expect(rows.nth(1)).toHaveAttribute('data-partnership', 'seed-ps-bluepeak')
  await expect(rows.nth(2)).toHaveAttribute('data-partnership', 'seed-ps-northwind')

  const healthy = vendor.locator('[data-partnership="seed-ps-northwind"]')
  await expect(healthy.getByRole('rowheader')).toContainText('Stratolink Software & Northwind Systems')
  await expect(healthy.getByText('None', { exact: true })).toBeVisible()
  const asymmetric = vendor.locator('[data-partnership="seed-ps-bluepeak"]')
  await expect(asymmetric.locator('[data-warning="asymmetry"]')).toContainText('Asymmetric: Stratolink Software met 100% of its commitments on time, Bluepeak Cloud')
  await expect(asymmetric.locator('[data-action="unsigned_draft"]')).toHaveText('Plan version 3 awaits both sign-offs')
  await expect(asymmetric.locator('[data-action="overdue_commitments"]')).toContainText('owned by Bluepeak Cloud')
  // Each item leads to where it is dealt with.
  await expect(asymmetric.locator('[data-action="unsigned_draft"] a')).toHaveAttribute('href', /^\/partnerships\/[^/]+\/plan#draft-heading$/)
  await expect(asymmetric.locator('[data-action="overdue_commitments"] a')).toHaveAttribute('href', /^\/partnerships\/[^/]+\/plan#commitments-heading$/)
  const drifting = vendor.locator('[data-partnership="seed-ps-drifting"]')
  await expect(drifting.locator('[data-warning="drifting"]')).toContainText('Drifting: joint activity fell from')
  await expect(drifting.getByRole('img', { name: /Joint activity by quarter: .*; drifting/ })).toBeVisible()

  // The asymmetry threshold is the vendor's stored setting (edited in /admin/settings), not a page parameter.
  await expect(vendor.getByTestId('asymmetry-setting')).toContainText('30 points or more')
  await expect(vendor.getByTestId('asymmetry-setting').getByRole('link', { name: 'change it in the program settings' })).toHaveAttribute('href', '/admin/settings')
  await vendor.goto('/admin/partnerships/portfolio')
  await noSeriousAxeViolations(vendor)

  // One partnership's page, with its overdue commitments.
  await vendor.locator('[data-partnership="seed-ps-bluepeak"]').getByRole('rowheader').getByRole('link').click()
  await expect(vendor.getByRole('heading', { level: 1, name: 'Stratolink Software & Bluepeak Cloud' })).toBeVisible()
  await expect(vendor.getByTestId('overdue-commitments')).toContainText('Bluepeak Cloud')
  const bluepeakPath = new URL(vendor.url()).pathname
  await noSeriousAxeViolations(vendor)
  // Not a dead end: the page leads on to the partnership and to the plan where the commitments are worked.
  const partnershipId = bluepeakPath.split('/').pop()
  await expect(vendor.getByTestId('health-ways-on').getByRole('link', { name: 'The partnership: stages, fit and reviews' })).toHaveAttribute('href', `/partnerships/${partnershipId}`)
  await vendor.getByTestId('health-ways-on').getByRole('link', { name: 'The joint business plan and its commitments' }).click()
  await expect(vendor.getByRole('heading', { level: 1, name: /Joint business plan/ })).toBeVisible()

  // Northwind: its partnership with the vendor and its plan with Bluepeak — never Bluepeak's with the vendor.
  // Reached from its partnerships list (the health page was linked from nowhere a partner goes).
  const northwind = await signedInPage('member@northwind.test', { to: '/partnerships' })
  await northwind.getByTestId('health-link').click()
  await expect(northwind.getByRole('heading', { level: 1, name: 'Partnership health' })).toBeVisible()
  await expect(northwind.getByTestId('health-row')).toHaveCount(2)
  await expect(northwind.locator('[data-partnership="seed-ps-northwind"]')).toBeVisible()
  await expect(northwind.locator('[data-partnership="seed-ps-northwind-bluepeak"]')).toContainText('Northwind Systems & Bluepeak Cloud')
  await expect(northwind.locator('[data-partnership="seed-ps-bluepeak"]')).toHaveCount(0)
  await noSeriousAxeViolations(northwind)
  expect((await northwind.goto(bluepeakPath))!.status()).toBe(404)
  expect((await northwind.goto('/admin/partnerships/portfolio'))!.status()).toBe(403)
})
