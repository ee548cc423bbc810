import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

test('the snapshot import page links its format and metric definitions in the app and offers a sample that downloads', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const page = await signedInPage('admin@vendor.test', { to: '/analytics/import' })
  await expect(page.getByRole('heading', { name: 'Import an ecosystem snapshot' })).toBeVisible()
  await expect(page.getByText(/\.md\b/)).toHaveCount(0) // no file a site visitor cannot open

  const sample = await page.request.get((await page.getByTestId('sample-download').getAttribute('href'))!)
  expect(sample.status()).toBe(200)
  const doc = (await sample.json()) as { organizations: { kind: string }[] }
  expect(doc.organizations.filter((o) => o.kind === 'vendor')).toHaveLength(1)

  await page.getByRole('link', { name: 'snapshot format' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Import formats' })).toBeVisible()
  await expect(page.locator('#ecosystem-snapshot-json')).toBeVisible()
  await page.getByTestId('doc').getByRole('link', { name: 'metric definitions' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Metric definitions' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Partner-to-partner referrals' })).toBeVisible()
})

test('the partners’ account import offers a CSV template', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test', { to: '/accounts' })
  const href = await page.getByTestId('template-download').getAttribute('href')
  const csv = await (await page.request.get(href!)).text()
  expect(csv.split('\r\n')[0]).toBe('name,domain,population,ownerEmail,dealSize')
})

test('analytics marks the running month as partial', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const page = await signedInPage('admin@vendor.test', { to: '/analytics' })
  const month = new Date().toISOString().slice(0, 7)
  await expect(page.getByTestId('partial-note')).toContainText(`${month} is still running`)
  await page.getByText('Monthly numbers as a table').click()
  await expect(page.getByTestId('series-table').getByRole('cell', { name: `${month} (partial)` })).toBeVisible()
})
