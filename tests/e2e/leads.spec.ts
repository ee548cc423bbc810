import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * A visitor becomes a lead: from a partner's listing, without an account and without JavaScript,
 * the visitor asks for a demo; the partner's admin is notified and finds the lead in its inbox.
 */
test('a visitor requests a demo from a listing (no JavaScript, no account) → the partner admin is notified, sees the lead and marks it handled', async ({ browser, signedInPage }) => {
  test.setTimeout(120_000)
  const visitorContext = await browser.newContext({ javaScriptEnabled: false })
  const visitor = await visitorContext.newPage()
  await visitor.goto('/partners/northwind-systems')
  await expect(visitor.getByTestId('partner-contact')).toHaveText('Contact Northwind Systems')
  const firstListing = visitor.getByRole('region', { name: 'Listings' }).getByRole('link').first()
  const listingTitle = (await firstListing.textContent())!.trim()
  await firstListing.click()
  await expect(visitor.getByTestId('listing-title')).toHaveText(listingTitle)
  await visitor.getByTestId('listing-contact').click()
  await expect(visitor.getByRole('heading', { name: `Request a demo of ${listingTitle}` })).toBeVisible()

  // Sent half-filled, the form comes back from the server with each error beside its field.
  await visitor.getByLabel('Your name').fill('Robin Visitor')
  await visitor.getByLabel('Work email').fill('robin@')
  await visitor.getByRole('button', { name: 'Send message' }).click()
  await expect(visitor.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true')
  await expect(visitor.getByText('Enter a valid email address, like name@company.com.')).toBeVisible()
  await expect(visitor.getByText('Enter your company’s name.')).toBeVisible()
  await expect(visitor.getByText('Tell the partner what you need.')).toBeVisible()
  await expect(visitor.getByLabel('Your name')).toHaveValue('Robin Visitor')

  await visitor.getByLabel('Work email').fill('robin@acme-visitor.example')
  await visitor.getByLabel('Company').fill('Acme Visitor Co')
  await visitor.getByLabel('Message').fill('We need a migration plan for 40 stores before the holidays.')
  await visitor.getByRole('button', { name: 'Send message' }).click()
  await expect(visitor.getByTestId('lead-sent')).toContainText('Your message is on its way to Northwind Systems.')
  await visitorContext.close()

  // Northwind's admin hears of it (the notifications worker delivers it shortly after).
  const admin = await signedInPage('admin@northwind.test', { to: '/notifications' })
  await expect(async () => {
    await admin.reload()
    await expect(admin.getByText('New lead: Robin Visitor from Acme Visitor Co')).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })

  await admin.goto('/manage/leads?show=new')
  const lead = admin.getByTestId('lead').filter({ hasText: 'Robin Visitor' })
  await expect(lead).toContainText('Acme Visitor Co')
  await expect(lead).toContainText('robin@acme-visitor.example')
  await expect(lead.getByRole('link', { name: listingTitle })).toBeVisible()
  await expect(lead).toContainText('We need a migration plan for 40 stores before the holidays.')
  await lead.getByRole('button', { name: /^Mark handled/ }).click()
  await expect(admin.getByText('Lead from Robin Visitor marked handled')).toBeVisible()
  await expect(admin.getByTestId('lead').filter({ hasText: 'Robin Visitor' })).toHaveCount(0)
  await admin.goto('/manage/leads')
  await expect(admin.getByTestId('lead').filter({ hasText: 'Robin Visitor' }).getByText('Handled')).toBeVisible()
})
