import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * Deal registration and the conflict queue through the built app on the seeded database:
 * Northwind registers a deal, the vendor's team approves it (protected for the program's period),
 * Bluepeak then refers the same customer and reads only the neutral message, the referral is in
 * the vendor's conflict queue beside Northwind's registration, and the vendor resolves it.
 */

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const ACCOUNT = { name: `Registered Customer ${run}`, domain: `registered-${run}.example.com` }
const NEUTRAL = "This customer may already be worked in the ecosystem; the vendor's team will review it."

test('partner registers → vendor approves → another partner’s referral is flagged neutrally → vendor resolves it in the queue', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const northwind = await signedInPage('admin@northwind.test', { to: '/registrations' })
  await expect(northwind.getByRole('heading', { name: 'Deal registrations', level: 1 })).toBeVisible()
  await northwind.getByRole('link', { name: 'Register a deal' }).click()
  await northwind.getByLabel('Customer', { exact: true }).fill(ACCOUNT.name)
  await northwind.getByLabel(/web domain/).fill(`https://www.${ACCOUNT.domain}/`)
  await northwind.getByLabel('Deal value', { exact: true }).fill('75,000')
  await northwind.getByLabel('Expected close').fill(new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10))
  await northwind.getByLabel('Products').fill('Data Platform, Analytics')
  await northwind.getByRole('button', { name: 'Register deal' }).click()
  await expect(northwind.getByTestId('registration-title')).toHaveText(ACCOUNT.name)
  await expect(northwind.getByTestId('registration-status')).toHaveText('Waiting for approval')
  const registrationPath = new URL(northwind.url()).pathname

  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/registrations' })
  await vendor.getByRole('link', { name: ACCOUNT.name }).click()
  await vendor.getByLabel('Note to the partner (optional)').fill('Welcome aboard.')
  await vendor.getByRole('button', { name: 'Approve' }).click()
  await expect(vendor.getByTestId('registration-status')).toHaveText('Approved')

  await northwind.goto(registrationPath)
  await expect(northwind.getByTestId('protected-until')).toContainText(/in \d+ days/)

  // Bluepeak refers the same customer: sent, and told only that the vendor's team will review it.
  const bluepeak = await signedInPage('admin@bluepeak.test', { to: '/referrals/new?to=northwind-systems' })
  await bluepeak.getByLabel('Customer company').fill(ACCOUNT.name)
  await bluepeak.getByLabel('Customer web domain').fill(ACCOUNT.domain)
  await bluepeak.getByLabel('What the customer needs').fill('They want help rolling out the platform.')
  await bluepeak.getByRole('button', { name: 'Check for conflicts' }).click()
  await bluepeak.getByRole('button', { name: 'Send referral' }).click()
  await expect(bluepeak.getByTestId('referral-title')).toHaveText(ACCOUNT.name)
  await expect(bluepeak.getByTestId('conflict-notice')).toHaveText(NEUTRAL)
  await expect(bluepeak.locator('main')).not.toContainText('Northwind Systems registered')

  // The vendor's queue shows the referral beside Northwind's registration, and resolves it.
  await vendor.goto('/admin/conflicts')
  const card = vendor.getByTestId('deal-conflict').filter({ hasText: ACCOUNT.name })
  await expect(card.getByTestId('conflict-match')).toContainText('Approved deal registration')
  await expect(card.getByTestId('conflict-match')).toContainText('Northwind Systems')
  await card.getByLabel(/^Reason/).fill('Bluepeak supplies the integration; Northwind keeps the deal.')
  await card.getByRole('button', { name: 'Allow both' }).click()
  await expect(vendor.getByText('Conflict resolved: both allowed')).toBeVisible()
  await vendor.goto('/admin/conflicts?status=resolved')
  await expect(vendor.getByTestId('deal-conflict').filter({ hasText: ACCOUNT.name }).getByTestId('resolution')).toContainText('Bluepeak supplies the integration')
})
