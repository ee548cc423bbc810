import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * "Start X from here" journeys on the seeded demo: a link that starts a referral or a co-sell
 * carries what the page knew, so nobody retypes what they just clicked.
 */

test('overlap → a matrix cell filters the accounts (no JavaScript) → Refer opens the form with partner and customer filled in → sent, it shows when it expires', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@northwind.test', { to: '/connections', context: { javaScriptEnabled: false } })
  await page.getByRole('link', { name: 'Overlap with Bluepeak Cloud' }).first().click()
  await expect(page.getByRole('heading', { name: 'Overlap with Bluepeak Cloud' })).toBeVisible()

  // Both share customer names: the customers × customers cell lists exactly those accounts.
  const cell = page.getByTestId('cell-customer-customer').getByRole('link')
  const count = Number((await cell.textContent())!.replace(/,/g, ''))
  expect(count).toBeGreaterThan(0)
  await cell.click()
  await expect(page).toHaveURL(/mine=customer&theirs=customer/)
  await expect(page.getByTestId('list-heading')).toContainText('your customers × their customers')
  await expect(page.getByTestId('cell-customer-customer').getByRole('link')).toHaveAttribute('aria-current', 'true')
  const rows = page.getByTestId('overlap-list').locator('tbody tr')
  await expect(rows.first()).toBeVisible()
  for (const badge of await rows.locator('td:nth-child(3) .badge, td:nth-child(4) .badge').allTextContents()) expect(badge).toBe('customer')
  // The list holds exactly the cell's accounts.
  if (count > 50) await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`${count.toLocaleString('en-US')} in all`)
  else await expect(rows).toHaveCount(count)

  // Refer the first account: the form opens with the partner and the customer, in the same no-JS browser.
  const first = rows.first()
  const name = (await first.locator('td').nth(0).textContent())!.trim()
  const domain = (await first.locator('td').nth(1).textContent())!.trim()
  await first.getByRole('link', { name: `Refer ${name} to Bluepeak Cloud` }).click()
  await expect(page.getByRole('heading', { name: 'Refer a customer' })).toBeVisible()
  await expect(page.locator('[name="toOrg"]')).toHaveValue('bluepeak-cloud')
  await expect(page.getByLabel('Customer company')).toHaveValue(name)
  await expect(page.getByLabel('Customer web domain')).toHaveValue(domain)
  await page.getByLabel('What the customer needs').fill('They asked for a migration partner.')
  await page.getByRole('button', { name: 'Check for conflicts' }).click()
  await expect(page.getByRole('heading', { name: 'Check and send the referral' })).toBeVisible()
  await expect(page.getByTestId('confirm-to')).toHaveText('Bluepeak Cloud')
  await expect(page.getByText(`${name} (${domain})`)).toBeVisible()

  // Sent, it says how long Bluepeak has to answer.
  await page.getByRole('button', { name: /^(Send referral|Send anyway)$/ }).click()
  await expect(page.getByTestId('referral-title')).toHaveText(name)
  await expect(page.getByTestId('referral-expiry')).toHaveText(/^Expires in \d+ (days|hours) unless Bluepeak Cloud answers$/)
})

test('a listing and a partner profile start a referral or a co-sell with what they show', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@northwind.test', { to: '/partners/bluepeak-cloud' })
  await expect(page.getByTestId('partner-name')).toHaveText('Bluepeak Cloud')
  await page.getByTestId('cosell-with').click()
  await expect(page.locator('[name="invite.partner"]')).toHaveValue('bluepeak-cloud')

  await page.goto('/partners/bluepeak-cloud')
  const listing = page.locator('section[aria-labelledby="listings"] a[href^="/listings/"]').first()
  await listing.click()
  await expect(page.getByTestId('listing-actions')).toBeVisible()
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  await page.getByTestId('listing-refer').click()
  await expect(page.locator('[name="toOrg"]')).toHaveValue('bluepeak-cloud')
  await expect(page.getByLabel('What the customer needs')).toHaveValue(`Interested in Bluepeak Cloud’s “${title}”.`)
})
