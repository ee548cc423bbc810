import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * The vendor's admin suspends a seeded partner (not one the other specs use) at /admin/partners
 * with a reason: its public profile, served from the anonymous page cache a moment before, answers
 * 404 at once; reinstating brings it back.
 */
const DEMO = ['Northwind Systems', 'Bluepeak Cloud']

test('suspend a partner with a reason, its public page goes dark at once, reinstate it', async ({ page, playwright, baseURL, signInAs }) => {
  const anonymous = await playwright.request.newContext({ baseURL })
  await signInAs('admin@vendor.test')
  await page.goto('/admin/partners?status=active')
  await expect(page.getByRole('heading', { name: 'Partners' })).toBeVisible()

  // A seeded active partner no other spec signs in as.
  const links = page.getByTestId('partner-row').getByRole('link')
  await expect(links.first()).toBeVisible()
  let name = ''
  let href = ''
  for (let i = 0; i < (await links.count()); i++) {
    const text = (await links.nth(i).textContent())?.trim() ?? ''
    if (!DEMO.includes(text)) {
      name = text
      href = (await links.nth(i).getAttribute('href')) ?? ''
      break
    }
  }
  expect(href).toMatch(/^\/partners\//)

  // Warm the anonymous page cache.
  expect((await anonymous.get(href)).status()).toBe(200)
  const cached = await anonymous.get(href)
  expect(cached.status()).toBe(200)
  expect(cached.headers()['x-page-cache']).toBe('HIT')

  await page.goto(`/admin/partners?q=${encodeURIComponent(name)}`)
  const row = page.getByTestId('partner-row').filter({ hasText: name })
  await row.getByText('Suspend…').click()
  await row.getByRole('button', { name: 'Suspend' }).click()
  // The reason is required (the browser stops the empty form); a short one is refused by the server.
  await row.getByLabel('Reason (its admins see it)').fill('short')
  await row.getByLabel('Reason (its admins see it)').evaluate((el) => el.removeAttribute('minlength'))
  await row.getByRole('button', { name: 'Suspend' }).click()
  await expect(row.getByRole('alert')).toContainText('at least 10 characters')
  await row.getByLabel('Reason (its admins see it)').fill('Suspended by the e2e suite while fees are reviewed.')
  await row.getByRole('button', { name: 'Suspend' }).click()
  await expect(row.getByText('Suspended', { exact: true })).toBeVisible()
  await expect(row).toContainText('Suspended by the e2e suite while fees are reviewed.')

  expect((await anonymous.get(href)).status()).toBe(404)

  await row.getByRole('button', { name: 'Reinstate' }).click()
  await expect(row.getByText('Active', { exact: true })).toBeVisible()
  expect((await anonymous.get(href)).status()).toBe(200)
  await anonymous.dispose()
})
