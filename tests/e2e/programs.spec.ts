import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/**
 * The partner program: the vendor defines a tier (a tier with no requirements is refused), evaluates
 * the program, and approves a proposal; a partner sees its standing, the path to its next tier and
 * manages its certifications. No serious accessibility problem on the way.
 */
test('the vendor defines a tier, evaluates and approves a proposal; a partner sees its progress', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const problems: string[] = []
  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/programs' })
  await expect(vendor.getByRole('heading', { name: 'Partner program', level: 1 })).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))
  await vendor.getByRole('link', { name: 'Referral', exact: true }).click()
  await expect(vendor.getByRole('heading', { name: 'Referral', level: 1 })).toBeVisible()
  await vendor.getByRole('link', { name: 'Add a tier' }).click()
  await expect(vendor.getByRole('heading', { name: 'New tier' })).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))

  // No requirement: refused with a clear message, nothing written.
  await vendor.getByLabel('Name').fill('Diamond')
  await vendor.getByRole('button', { name: 'Create tier' }).click()
  await expect(vendor.getByText('A tier needs at least one requirement: enter a threshold for one metric or more.')).toBeVisible()
  // A negative MDF budget is refused beside its field.
  await vendor.getByLabel('MDF budget').fill('-500')
  await vendor.getByLabel('Referrals sent: threshold').fill('1')
  await vendor.getByRole('button', { name: 'Create tier' }).click()
  await expect(vendor.getByText('The MDF budget cannot be negative.')).toBeVisible()
  await vendor.getByLabel('MDF budget').fill('25000')
  await vendor.getByLabel('Tier label on the partner').selectOption('platinum')
  await vendor.getByRole('button', { name: 'Create tier' }).click()
  await expect(vendor.getByText('Tier saved')).toBeVisible()
  await expect(vendor.getByRole('link', { name: /4\. Diamond/ })).toBeVisible()

  // Evaluate now: referral partners with a referral in the last 180 days qualify for Diamond.
  await vendor.goto('/admin/programs')
  await vendor.getByRole('button', { name: 'Evaluate now' }).click()
  await expect(vendor.getByText('Program evaluated')).toBeVisible()
  await vendor.getByRole('link', { name: /^Proposals/ }).click()
  await expect(vendor.getByRole('heading', { name: 'Tier proposals' })).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))
  const row = vendor.getByRole('row').filter({ hasText: 'Diamond' }).first()
  const partnerName = (await row.getByRole('link').textContent())!.trim()
  await row.getByRole('link').click()
  await expect(vendor.getByRole('heading', { name: partnerName, level: 1 })).toBeVisible()
  await expect(vendor.getByRole('heading', { name: 'Every tier of Referral' })).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))
  await vendor.getByRole('button', { name: 'Approve: Diamond' }).click()
  await expect(vendor.getByText('Tier set: Diamond')).toBeVisible()
  await expect(vendor.getByRole('heading', { name: 'Referral: Diamond' })).toBeVisible()
  await expect(vendor.getByText('proposal approved').first()).toBeVisible()

  // A partner sees its own standing: requirements against thresholds, the path to the next tier, its certifications.
  const partner = await signedInPage('admin@northwind.test', { to: '/' })
  await partner.getByRole('navigation').getByRole('link', { name: 'Program' }).first().click()
  await expect(partner.getByRole('heading', { name: /Program standing — Northwind Systems/ })).toBeVisible()
  await expect(partner.getByRole('heading', { name: /^Services: / })).toBeVisible()
  await expect(partner.getByRole('heading', { name: 'Every tier of Services' })).toBeVisible()
  await expect(partner.getByRole('heading', { name: 'Tier history' })).toBeVisible()
  problems.push(...(await seriousViolations(partner)))
  await partner.getByLabel('Person’s name').fill('Grace Hopper')
  await partner.getByLabel('Certification', { exact: true }).fill('Data Platform Architect')
  await partner.getByLabel('Issued on').fill('2026-01-15')
  await partner.getByLabel('Expires on').fill('2025-01-15')
  await partner.getByRole('button', { name: 'Add certification' }).click()
  await expect(partner.getByText('The expiry date must come after the issue date.')).toBeVisible()
  await partner.getByLabel('Expires on').fill('2028-01-15')
  await partner.getByRole('button', { name: 'Add certification' }).click()
  await expect(partner.getByText('Certification added')).toBeVisible()
  const cert = partner.getByRole('row').filter({ hasText: 'Grace Hopper' })
  await expect(cert).toContainText('Active')
  await cert.getByRole('button', { name: /^Expire/ }).click()
  await expect(partner.getByText('Certification expired')).toBeVisible()
  await expect(partner.getByRole('row').filter({ hasText: 'Grace Hopper' })).toContainText('Not active')

  // The vendor's pages are not the partner's: a partner is refused.
  const refused = await partner.goto('/admin/programs')
  expect(refused?.status()).toBe(403)
  expect(problems).toEqual([])
})
