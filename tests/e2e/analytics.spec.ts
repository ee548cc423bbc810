import fs from 'node:fs'
import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * The vendor admin opens the analytics dashboard on the seeded two-year history, changes the
 * period and a filter (GET form, URL is the state), sees tiles, charts and the network graph
 * update, and downloads a CSV. A partner is kept out.
 */

test.setTimeout(180_000)

test('vendor admin: dashboard, period and filter, charts and graph update, CSV download', async ({ page, signInAs }) => {
  await signInAs('admin@vendor.test')
  await page.goto('/analytics', { timeout: 60_000 })
  await expect(page.getByRole('heading', { name: 'Ecosystem analytics' })).toBeVisible({ timeout: 30_000 })

  // Tiles with a definition on hover and the change against the previous period.
  const tile = page.getByTestId('kpi-ecosystemInfluenced')
  await expect(tile).toBeVisible()
  await expect(tile).toHaveAttribute('title', /Partner-sourced \+ partner-influenced/)
  await expect(page.getByTestId('kpi-ecosystemInfluenced-change')).toContainText('vs previous')
  const allPartners = Number(await page.getByTestId('kpi-activePartners-value').getAttribute('data-value'))
  expect(allPartners).toBeGreaterThan(0)

  // Marketplace leads (seeded contact-form messages) and the pipeline partners converted them into.
  await expect(page.getByTestId('kpi-marketplaceLeads')).toHaveAttribute('title', /Messages visitors sent to partners/)
  expect(Number(await page.getByTestId('kpi-marketplaceLeads-value').getAttribute('data-value'))).toBeGreaterThan(0)
  expect(Number(await page.getByTestId('kpi-marketplaceConvertedLeads-value').getAttribute('data-value'))).toBeGreaterThan(0)
  expect(Number(await page.getByTestId('kpi-marketplacePipeline-value').getAttribute('data-value'))).toBeGreaterThan(0)

  // Charts and graph render in the browser.
  await expect(page.getByTestId('chart-pipeline')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('chart-pipeline')).toHaveAttribute('data-points', '12')
  await expect(page.getByTestId('network-graph')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 })
  const nodesBefore = Number(await page.getByTestId('network').getAttribute('data-node-count'))

  // Change the period to six months and filter to systems integrators.
  const now = new Date()
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 6, 1))
  await page.getByLabel('From').fill(from.toISOString().slice(0, 10))
  await page.getByLabel('To (exclusive)').fill(to.toISOString().slice(0, 10))
  // The filters are multi-select comboboxes: type to narrow, pick with a tap.
  const typeFilter = page.getByRole('combobox', { name: 'Partner type' })
  await typeFilter.fill('integr')
  await page.getByRole('option', { name: /Systems integrator/i }).click()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('list', { name: 'Chosen partner type' }).getByRole('listitem')).toHaveCount(1)
  await page.getByTestId('apply-filters').click()
  await expect(page).toHaveURL(/type=systems_integrator/, { timeout: 60_000 })
  await expect(page).toHaveURL(new RegExp(`from=${from.toISOString().slice(0, 10)}`))
  await expect(page.getByTestId('chart-pipeline')).toHaveAttribute('data-points', '6', { timeout: 30_000 })
  await expect(page.getByTestId('period-label')).toContainText(from.toISOString().slice(0, 10))
  const filteredPartners = Number(await page.getByTestId('kpi-activePartners-value').getAttribute('data-value'))
  expect(filteredPartners).toBeLessThan(allPartners)
  const nodesAfter = Number(await page.getByTestId('network').getAttribute('data-node-count'))
  expect(nodesAfter).toBeLessThan(nodesBefore)
  await expect(page.getByTestId('network-graph')).toHaveAttribute('data-ready', 'true')

  // Download a CSV of a table.
  const downloadPromise = page.waitForEvent('download')
  await page.getByTestId('export-series').click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toMatch(/^analytics-series-.*\.csv$/)
  const csv = fs.readFileSync((await download.path())!, 'utf8')
  expect(csv).toContain('month,ecosystemPipeline,directPipeline')
  expect(csv.trim().split(/\r?\n/)).toHaveLength(7)
})

test('a partner cannot open the vendor dashboard or its API', async ({ page, signInAs }) => {
  await signInAs('admin@northwind.test')
  await page.goto('/insights', { timeout: 60_000 })
  await expect(page.getByRole('heading', { name: /My numbers/ })).toBeVisible({ timeout: 60_000 })
  const res = await page.goto('/analytics')
  expect(res?.status()).toBe(403)
  const api = await page.request.get('/api/v1/analytics/summary?from=2026-01-01&to=2026-07-01')
  expect(api.status()).toBe(403)
})
