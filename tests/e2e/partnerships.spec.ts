import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

const VENDOR_ADMIN = 'admin@vendor.test'
const PARTNER_ADMIN = 'alliances@plan-journey.test'

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

async function fillFit(page: Page, scores: [number, number, number, number]) {
  const scoreFields = page.getByLabel('Score (1–5)')
  for (const [i, s] of scores.entries()) await scoreFields.nth(i).fill(String(s))
  await page.getByRole('button', { name: 'Save assessment' }).click()
  // Every score is checked: the last one alone may equal the previous assessment's, and the next click must not race the save.
  const latest = page.getByTestId('latest-fit')
  await expect(latest).toContainText(`Market access complementarity: ${scores[0]} / 5`)
  await expect(latest).toContainText(`Capability complementarity: ${scores[1]} / 5`)
  await expect(latest).toContainText(`Organizational commitment signals: ${scores[2]} / 5`)
  await expect(latest).toContainText(`Strategic alignment: ${scores[3]} / 5`)
  await expect(page.getByRole('button', { name: 'Save assessment' })).toBeEnabled()
}

test('vendor assesses fit and designates strategic; both sides co-author and sign the plan; an overdue commitment shows on the plan page', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const problems: string[] = []

  // The partner's alliance manager finds the partnership among its own.
  const partner = await signedInPage(PARTNER_ADMIN, { to: '/partnerships' })
  problems.push(...(await seriousViolations(partner)))
  await partner.getByRole('link', { name: /Stratolink Software \+/ }).click()
  await expect(partner.getByRole('heading', { level: 1 })).toContainText('Stratolink Software +')
  const id = new URL(partner.url()).pathname.split('/')[2]!
  await expect(partner.getByRole('button', { name: 'Designate strategic' })).toHaveCount(0)

  // The vendor's team: the board, then the fit assessment and a refused, then accepted, designation.
  const vendor = await signedInPage(VENDOR_ADMIN, { to: '/admin/partnerships' })
  await expect(vendor.getByRole('heading', { name: 'Partnerships board' })).toBeVisible()
  await expect(vendor.getByTestId('column-identification')).toContainText('Fit:')
  problems.push(...(await seriousViolations(vendor)))
  await vendor.goto(`/partnerships/${id}`)
  await fillFit(vendor, [4, 3, 2, 4])
  await vendor.getByRole('button', { name: 'Designate strategic' }).click()
  await expect(vendor.getByRole('alert').filter({ hasText: 'Not designated' })).toContainText('organizational commitment signals (2)')
  await fillFit(vendor, [4, 4, 3, 4])
  await vendor.getByRole('button', { name: 'Designate strategic' }).click()
  await expect(vendor.getByTestId('strategic-badge')).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))

  // The vendor writes the first draft and a commitment for the partner (due yesterday: it will be overdue once agreed).
  await vendor.goto(`/partnerships/${id}/plan`)
  await vendor.getByLabel('Joint value proposition').fill('Together, Stratolink and our partner enable same-week analytics roll-outs for regional retailers')
  await vendor.getByLabel('Segments (comma-separated)').fill('Retail')
  await vendor.getByLabel('Quarter 1').fill('2027-Q1')
  await vendor.getByLabel('Pipeline target').first().fill('-10')
  await vendor.getByRole('button', { name: 'Save draft' }).click()
  await expect(vendor.getByText('The pipeline target cannot be negative.')).toBeVisible()
  await vendor.getByLabel('Pipeline target').first().fill('500000')
  await vendor.getByLabel('Sponsor of Stratolink Software').fill('Maya Okafor')
  await vendor.getByRole('button', { name: 'Save draft' }).click()
  await expect(vendor.getByRole('heading', { name: /Draft — version 1, revision/ })).toBeVisible()
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await vendor.getByLabel('Owned by').selectOption({ index: 1 })
  await vendor.getByLabel('What is committed').fill('Host a joint customer event')
  await vendor.getByLabel('Due date').fill(yesterday)
  await vendor.getByRole('button', { name: 'Add commitment' }).click()
  await expect(vendor.getByTestId('plan-diff')).toContainText('Host a joint customer event')

  // The partner co-authors (a provision), which moves the revision, then signs it.
  await partner.goto(`/partnerships/${id}/plan`)
  // The owning side edits its proposed commitment in place (a plan change: a new revision).
  const proposed = partner.getByTestId('commitment').filter({ hasText: 'Host a joint customer event' })
  await proposed.locator('summary').click()
  await proposed.getByLabel('Title').fill('Host a joint customer event in Lisbon')
  await proposed.getByRole('button', { name: 'Save commitment' }).click()
  await expect(partner.getByTestId('plan-diff')).toContainText('Host a joint customer event in Lisbon')
  await partner.getByLabel('Priority and exclusivity provisions').fill('Preferred implementation partner for retail analytics in EMEA.')
  await partner.getByRole('button', { name: 'Save draft' }).click()
  await expect(partner.getByTestId('plan-diff')).toContainText('Preferred implementation partner')
  await partner.getByRole('button', { name: /^Sign revision/ }).click()
  await expect(partner.getByTestId('signoffs')).toContainText(/signed revision \d+/)

  // The vendor signs the same revision: the plan is active, and the partner's commitment is overdue.
  await vendor.goto(`/partnerships/${id}/plan`)
  await vendor.getByRole('button', { name: /^Sign revision/ }).click()
  await expect(vendor.getByRole('heading', { name: 'Active plan — version 1' })).toBeVisible()
  await expect(vendor.getByTestId('value-proposition')).toContainText('same-week analytics')
  const commitment = vendor.getByTestId('commitment').filter({ hasText: 'Host a joint customer event' })
  await expect(commitment.getByTestId('commitment-overdue')).toHaveText('Overdue')
  await expect(vendor.getByTestId('activation')).toContainText('days left in the window')
  problems.push(...(await seriousViolations(vendor)))

  // The partner (the owning side) marks it met; the vendor's open page updates without a reload.
  await partner.goto(`/partnerships/${id}/plan`)
  await expect(vendor.getByTestId('plan-viewers')).toContainText(/Jordan Ellis/)
  const mine = partner.getByTestId('commitment').filter({ hasText: 'Host a joint customer event' })
  await mine.getByLabel('Status of Host a joint customer event').selectOption('met')
  await mine.getByRole('button', { name: 'Set' }).click()
  await expect(commitment.getByTestId('commitment-status')).toHaveText('Met')
  await expect(commitment.getByTestId('commitment-overdue')).toHaveCount(0)

  expect(problems).toEqual([])
})

test('the board moves a partnership without JavaScript; another partner gets 404 on a partnership it is not part of', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const vendor = await signedInPage(VENDOR_ADMIN, { to: '/admin/partnerships', context: { javaScriptEnabled: false } })
  const column = vendor.getByTestId('column-agreement_onboarding')
  const card = column
    .getByRole('listitem')
    .filter({ has: vendor.getByRole('button', { name: 'Move' }) })
    .first()
  const name = (await card.getByRole('link').first().textContent())!.trim()
  await card.getByRole('combobox').selectOption('active_collaboration')
  await card.getByRole('button', { name: 'Move' }).click()
  await expect(vendor.getByTestId('column-active_collaboration')).toContainText(name)
  await vendor.getByTestId('column-active_collaboration').getByRole('link', { name }).click()
  const path = new URL(vendor.url()).pathname
  const outsider = await signedInPage('admin@northwind.test', { to: '/partnerships' })
  const response = await outsider.goto(`${path}/plan`)
  expect(response?.status()).toBe(404)
})

test('recording a review: each "attended as executive sponsor" box names its person, and stays with that person on a phone', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const page = await signedInPage('admin@northwind.test', { to: '/partnerships', context: { viewport: { width: 390, height: 844 } } })
  await page.getByRole('link', { name: 'Stratolink Software + Northwind Systems' }).click()
  await page
    .getByRole('link', { name: /Quarterly review · .*/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { name: 'Record the review' })).toBeVisible()
  const attended = page.getByRole('checkbox', { name: 'Priya Raman (Northwind Systems)' })
  const sponsor = page.getByRole('checkbox', { name: 'Priya Raman attended as executive sponsor' })
  await expect(sponsor).toBeVisible()
  // Below its person's own box (wrapped on a phone), above the next person's.
  const [a, s] = [(await attended.boundingBox())!, (await sponsor.boundingBox())!]
  expect(s.y).toBeGreaterThan(a.y)
  const row = page.getByRole('listitem').filter({ has: attended })
  await expect(row.getByRole('checkbox')).toHaveCount(2)
})
