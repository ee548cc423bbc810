import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * Two deal-registration journeys through the built app on the seeded database, as the vendor's
 * team and a partner walk them: the vendor revokes an approval it gave (with a reason the partner
 * reads), and a partner registers a deal in another currency once the vendor has set its rate.
 */

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** Northwind registers a deal through the form and lands on it; returns its address. */
async function register(page: Page, deal: { name: string; domain: string; value: string; currency?: string }) {
  await page.goto('/registrations/new')
  await expect(page.getByRole('heading', { name: 'Register a deal', level: 1 })).toBeVisible()
  await page.getByLabel('Customer', { exact: true }).fill(deal.name)
  await page.getByLabel(/web domain/).fill(deal.domain)
  await page.getByLabel('Deal value').fill(deal.value)
  if (deal.currency) await page.getByLabel('Currency').selectOption(deal.currency)
  await page.getByLabel('Expected close').fill(inDays(45))
  await page.getByLabel('Products').fill('Data Platform')
  await page.getByRole('button', { name: 'Register deal' }).click()
  await expect(page.getByTestId('registration-title')).toHaveText(deal.name)
  await expect(page.getByTestId('registration-status')).toHaveText('Waiting for approval')
  return new URL(page.url()).pathname
}

test('the vendor revokes an approved registration with a reason → the partner reads it, is no longer protected, and is notified', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const deal = { name: `Revoked Customer ${run}`, domain: `revoked-${run}.example.com`, value: '64,000' }
  const northwind = await signedInPage('admin@northwind.test')
  const path = await register(northwind, deal)

  // The vendor approves it from its queue: the partner is protected.
  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/registrations' })
  await vendor.getByRole('link', { name: deal.name }).click()
  await vendor.getByRole('button', { name: 'Approve' }).click()
  await expect(vendor.getByText('Registration approved: the partner is protected')).toBeVisible()
  await expect(vendor.getByTestId('registration-status')).toHaveText('Approved')
  // Dates read as dates (they once showed as "Sun Mar 07").
  await expect(vendor.getByTestId('protected-until')).toHaveText(/^\d{4}-\d{2}-\d{2} \(in \d+ days\)$/)

  // Then it learns the customer buys direct, and revokes the approval: a reason is required.
  const revoke = vendor.getByRole('region', { name: 'Revoke the approval' })
  await expect(revoke).toBeVisible()
  await revoke.getByRole('button', { name: 'Revoke approval' }).click()
  const reasonField = revoke.getByLabel('Reason (the partner sees it)')
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true')
  await expect(revoke.getByText('Give a reason (at least 3 characters).')).toBeVisible()
  await expect(vendor.getByTestId('registration-status')).toHaveText('Approved')
  await reasonField.fill('The customer confirmed it buys direct this year.')
  await revoke.getByRole('button', { name: 'Revoke approval' }).click()
  await expect(vendor.getByText('Approval revoked: its opportunity is closed lost and no longer partner-sourced')).toBeVisible()
  await expect(vendor.getByTestId('registration-status')).toHaveText('Approval revoked')
  await expect(vendor.getByTestId('decision-reason')).toHaveText('The customer confirmed it buys direct this year.')
  // Nothing more to decide: no decision, extension or second revocation on offer.
  await expect(vendor.getByRole('region', { name: 'Revoke the approval' })).toHaveCount(0)
  await expect(vendor.getByRole('region', { name: 'Extend the protection' })).toHaveCount(0)
  await expect(vendor.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  // The queue lists it under "Approval revoked".
  await vendor.goto('/admin/registrations?status=revoked')
  await expect(vendor.getByRole('link', { name: deal.name })).toBeVisible()

  // Northwind reads the new status and the vendor's reason; no protection end date any more.
  await northwind.goto(path)
  await expect(northwind.getByTestId('registration-status')).toHaveText('Approval revoked')
  await expect(northwind.getByText('Why the approval was revoked')).toBeVisible()
  await expect(northwind.getByTestId('decision-reason')).toHaveText('The customer confirmed it buys direct this year.')
  await expect(northwind.getByTestId('protected-until')).toHaveCount(0)
  await expect(northwind.getByRole('button', { name: 'Revoke approval' })).toHaveCount(0)
  // And is told (the notifications worker delivers it shortly after).
  await expect(async () => {
    await northwind.goto('/notifications')
    await expect(northwind.getByText(`Deal registration approval revoked: ${deal.name}`)).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
})

test('the vendor sets a EUR rate in its settings → a partner registers a deal in EUR → both see the value in EUR and in USD at that rate', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const deal = { name: `Euro Customer ${run}`, domain: `euro-${run}.example.com`, value: '100,000' }

  // The vendor's admin adds EUR at 1.25 USD (keeping any other rates already set).
  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/settings' })
  const rates = vendor.getByLabel('Exchange rates to USD')
  const before = (await rates.inputValue()).trim()
  const others = before
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r && !/^EUR\b/i.test(r))
  await rates.fill([...others, 'EUR 1.25'].join(', '))
  await vendor.getByRole('button', { name: 'Save settings' }).click()
  await vendor.waitForLoadState('load')
  await vendor.goto('/admin/settings')
  await expect(vendor.getByLabel('Exchange rates to USD')).toHaveValue(/EUR 1\.25/)

  // Northwind's form offers EUR with its rate; the value field is just "Deal value".
  const northwind = await signedInPage('admin@northwind.test', { to: '/registrations/new' })
  const currency = northwind.getByLabel('Currency')
  await expect(currency).toHaveValue('USD')
  await expect(currency.locator('option', { hasText: 'EUR (1 EUR = 1.25 USD)' })).toHaveCount(1)
  await expect(northwind.getByLabel('Deal value (USD)')).toHaveCount(0)
  const path = await register(northwind, { ...deal, currency: 'EUR' })

  // The registration keeps its currency, and the USD value at the rate of submission.
  const value = northwind.getByTestId('registration-value')
  await expect(value).toContainText('€100,000.00 EUR')
  await expect(value).toContainText('$125,000.00 USD at 1.25')
  await northwind.goto('/registrations')
  await expect(northwind.getByRole('row').filter({ hasText: deal.name })).toContainText('€100,000')

  // The vendor's queue shows it in EUR too, and the page the same two values.
  await vendor.goto('/admin/registrations')
  const queued = vendor.getByRole('listitem').filter({ has: vendor.getByRole('link', { name: deal.name }) })
  await expect(queued).toContainText('€100,000')
  await vendor.goto(path)
  await expect(vendor.getByTestId('registration-value')).toContainText('€100,000.00 EUR')
  await expect(vendor.getByTestId('registration-value')).toContainText('$125,000.00 USD at 1.25')
})
