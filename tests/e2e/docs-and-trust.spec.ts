import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

const PASSWORD = 'Partner-demo-2026'

async function signedIn(browser: Browser, email: string, to: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('account-menu')).toBeVisible()
  return page
}

test('the snapshot import page links its format and metric definitions in the app and offers a sample that downloads', async ({ browser }) => {
  test.setTimeout(90_000)
  const page = await signedIn(browser, 'admin@vendor.test', '/analytics/import')
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

test('the partners’ account import offers a CSV template', async ({ browser }) => {
  const page = await signedIn(browser, 'admin@northwind.test', '/accounts')
  const href = await page.getByTestId('template-download').getAttribute('href')
  const csv = await (await page.request.get(href!)).text()
  expect(csv.split('\r\n')[0]).toBe('name,domain,population,ownerEmail,dealSize')
})

test('analytics marks the running month as partial', async ({ browser }) => {
  test.setTimeout(90_000)
  const page = await signedIn(browser, 'admin@vendor.test', '/analytics')
  const month = new Date().toISOString().slice(0, 7)
  await expect(page.getByTestId('partial-note')).toContainText(`${month} is still running`)
  await page.getByText('Monthly numbers as a table').click()
  await expect(page.getByTestId('series-table').getByRole('cell', { name: `${month} (partial)` })).toBeVisible()
})
