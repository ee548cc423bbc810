import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * An inbound lead becomes a co-sell, and another one a deal registration (tests/e2e/leads.spec.ts
 * walks the conversion to a referral): Northwind's admin opens its seeded leads, converts each
 * from its "Convert to" links, finds the form filled from the lead, submits it, and the lead is
 * then "Converted" and links what it became. The seeded leads are used (a visitor's form is rate
 * limited per address, and the suite sends from one).
 */

/** The open lead from `name` in Northwind's inbox (all statuses are listed). */
async function openLead(page: Page, name: string) {
  await page.goto('/manage/leads')
  const lead = page.getByTestId('lead').filter({ has: page.getByRole('heading', { name: new RegExp(name) }) })
  await expect(lead).toHaveCount(1)
  return lead
}

/** After a conversion: the lead is listed as converted and links `href`; nothing left to do with it. */
async function expectConverted(page: Page, name: string, label: string, href: string) {
  await page.goto('/manage/leads?status=converted')
  const lead = page.getByTestId('lead').filter({ has: page.getByRole('heading', { name: new RegExp(name) }) })
  await expect(lead.getByTestId('lead-status')).toHaveText('Converted')
  await expect(lead.getByTestId('lead-converted').getByRole('link', { name: label })).toHaveAttribute('href', href)
  await expect(lead.getByTestId('lead-convert')).toHaveCount(0)
  await expect(lead.getByRole('button')).toHaveCount(0)
}

test('a contacted lead becomes a co-sell: the form is filled from the lead, and the lead links the opportunity', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const admin = await signedInPage('admin@northwind.test')
  const lead = await openLead(admin, 'Sofia Marquez')
  await lead.getByRole('link', { name: 'Convert the lead from Sofia Marquez to a co-sell' }).click()

  await expect(admin.getByRole('heading', { name: 'Open a co-sell opportunity' })).toBeVisible()
  await expect(admin.getByTestId('from-lead')).toBeVisible()
  await expect(admin.getByLabel('Account', { exact: true })).toHaveValue('Bright Harbor Retail')
  await expect(admin.getByLabel('Web domain (optional)')).toHaveValue('brightharbor.example')
  await expect(admin.getByLabel('Message')).toHaveValue('Looking for a fixed-price assessment of our current setup. Budget approved for this quarter.')
  await admin.getByLabel('Amount, USD').fill('42,000')
  await admin.getByRole('button', { name: 'Open opportunity' }).click()

  await expect(admin.getByText('Co-sell opportunity opened')).toBeVisible()
  await expect(admin.getByRole('heading', { name: 'Bright Harbor Retail', level: 1 })).toBeVisible()
  const cosellPath = new URL(admin.url()).pathname
  expect(cosellPath).toMatch(/^\/cosell\/[^/]+$/)
  await expectConverted(admin, 'Sofia Marquez', 'a co-sell', cosellPath)
})

test('a qualified lead becomes a deal registration: the form is filled from the lead, and the lead links the registration', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const admin = await signedInPage('admin@northwind.test')
  const lead = await openLead(admin, 'Priya Raman')
  await lead.getByRole('link', { name: 'Convert the lead from Priya Raman to a deal registration' }).click()

  await expect(admin.getByRole('heading', { name: 'Register a deal', level: 1 })).toBeVisible()
  await expect(admin.getByTestId('from-lead')).toBeVisible()
  await expect(admin.getByLabel('Customer', { exact: true })).toHaveValue('Tidewater Bank')
  await expect(admin.getByLabel(/web domain/)).toHaveValue('tidewaterbank.example')
  await expect(admin.getByLabel('Notes for the vendor (optional)')).toHaveValue('We need a partner for a 9-month modernisation of our reporting platform; security review in progress.')
  await admin.getByLabel('Deal value').fill('180,000')
  await admin.getByLabel('Expected close').fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10))
  await admin.getByLabel('Products').fill('Data Platform')
  await admin.getByRole('button', { name: 'Register deal' }).click()

  await expect(admin.getByTestId('registration-title')).toHaveText('Tidewater Bank')
  await expect(admin.getByTestId('registration-status')).toHaveText('Waiting for approval')
  const registrationPath = new URL(admin.url()).pathname
  await expectConverted(admin, 'Priya Raman', 'a deal registration', registrationPath)
})
