import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * A visitor becomes a lead, and the lead becomes a referral: from a partner's listing, without an
 * account and without JavaScript, the visitor asks for a demo; the partner's admin is notified,
 * finds the lead in its inbox, marks it contacted, then converts it to a referral whose form is
 * filled from the lead; the lead then links the referral, and the listing counts the lead.
 */
test('a visitor requests a demo from a listing (no JavaScript, no account) → the partner admin is notified, marks the lead contacted and converts it to a referral', async ({
  browser,
  signedInPage,
}) => {
  test.setTimeout(180_000)
  const stamp = Date.now().toString(36)
  const company = `Acme Visitor ${stamp}`
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
  await visitor.getByLabel('Company').fill(company)
  await visitor.getByLabel('Message').fill('We need a migration plan for 40 stores before the holidays.')
  await visitor.getByRole('button', { name: 'Send message' }).click()
  await expect(visitor.getByTestId('lead-sent')).toContainText('Your message is on its way to Northwind Systems.')
  await visitorContext.close()

  // Northwind's admin hears of it (the notifications worker delivers it shortly after).
  const admin = await signedInPage('admin@northwind.test', { to: '/notifications' })
  await expect(async () => {
    await admin.reload()
    await expect(admin.getByText(`New lead: Robin Visitor from ${company}`)).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })

  await admin.goto('/manage/leads?status=new')
  const lead = admin.getByTestId('lead').filter({ hasText: company })
  await expect(lead).toContainText('robin@acme-visitor.example')
  await expect(lead.getByRole('link', { name: listingTitle })).toBeVisible()
  await expect(lead).toContainText('We need a migration plan for 40 stores before the holidays.')
  await expect(lead.getByTestId('lead-status')).toHaveText('New')
  await lead.getByRole('button', { name: /^Mark contacted/ }).click()
  await expect(admin.getByText('Lead from Robin Visitor marked contacted')).toBeVisible()
  // Filtered to new leads, it has left the list; under "Contacted" it is there.
  await expect(admin.getByTestId('lead').filter({ hasText: company })).toHaveCount(0)
  await admin
    .getByRole('navigation', { name: 'Filter leads by status' })
    .getByRole('link', { name: /^Contacted/ })
    .click()
  const contacted = admin.getByTestId('lead').filter({ hasText: company })
  await expect(contacted.getByTestId('lead-status')).toHaveText('Contacted')

  // Convert to a referral: the form is filled from the lead; the admin only picks the partner.
  await contacted.getByRole('link', { name: `Convert the lead from Robin Visitor to a referral` }).click()
  await expect(admin.getByRole('heading', { name: 'Refer a customer' })).toBeVisible()
  await expect(admin.getByTestId('from-lead')).toBeVisible()
  await expect(admin.getByLabel('Customer company')).toHaveValue(company)
  await expect(admin.getByLabel('Customer web domain')).toHaveValue('acme-visitor.example')
  await expect(admin.getByLabel('Contact name (optional)')).toHaveValue('Robin Visitor')
  await expect(admin.getByLabel('What the customer needs')).toHaveValue('We need a migration plan for 40 stores before the holidays.')
  const picker = admin.getByRole('combobox', { name: 'Partner' })
  await picker.fill('bluep')
  await admin.getByRole('option', { name: /Bluepeak Cloud/ }).click()
  await admin.getByRole('button', { name: 'Check for conflicts' }).click()
  await expect(admin.getByRole('heading', { name: 'Check and send the referral' })).toBeVisible()
  await admin.getByRole('button', { name: /^(Send referral|Send anyway)$/ }).click()
  await expect(admin.getByTestId('referral-title')).toHaveText(company)
  const referralPath = new URL(admin.url()).pathname

  // The lead is converted and links the referral; the listing counts the lead.
  await admin.goto('/manage/leads?status=converted')
  const converted = admin.getByTestId('lead').filter({ hasText: company })
  await expect(converted.getByTestId('lead-status')).toHaveText('Converted')
  await expect(converted.getByRole('link', { name: 'a referral' })).toHaveAttribute('href', referralPath)
  await expect(converted.getByRole('button')).toHaveCount(0)
  await admin.goto('/manage/listings')
  const row = admin.getByRole('row').filter({ has: admin.getByRole('link', { name: listingTitle, exact: true }) })
  await expect(row.getByTestId('listing-leads')).not.toHaveText('0')
})
