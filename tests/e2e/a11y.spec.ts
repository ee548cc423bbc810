import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '#tests/e2e/fixtures.ts'

/**
 * axe over every page of the seeded demo, signed out, as a partner admin and as the vendor admin:
 * no serious or critical violation anywhere. A failure lists page, rule id and the elements.
 *
 * Pages whose address depends on the seed (a category, a listing, one referral …) are found by
 * following the first matching link on a list page, the way a person would reach them.
 */

/**
 * Serious or critical violations not fixed yet, per page label and rule id. The spec fails when a
 * page shows a rule that is not listed here, so this list can only shrink. Keep it empty.
 */
const KNOWN_VIOLATIONS: Record<string, readonly string[]> = {}

type Target = string | { label: string; from: string; link: RegExp }

const ANONYMOUS: Target[] = [
  '/',
  '/marketplace',
  { label: 'a category', from: '/marketplace', link: /^\/marketplace\/category\/[^/?#]+$/ },
  { label: 'a listing', from: '/marketplace', link: /^\/listings\/[^/?#]+$/ },
  { label: 'a partner profile', from: '/search?q=cloud', link: /^\/partners\/[^/?#]+$/ },
  '/search?q=cloud',
  '/find-partner',
  '/find-partner?need=cloud+migration',
  '/integrations',
  '/partners',
  '/partners?type=msp&region=EMEA',
  '/apply',
  '/login',
  '/forgot-password',
  '/docs',
  { label: 'a docs page', from: '/docs', link: /^\/docs\/[^/?#]+$/ },
  '/contact/northwind-systems',
]

const PARTNER_ADMIN: Target[] = [
  '/',
  '/referrals',
  '/referrals?box=inbox',
  { label: 'one referral', from: '/referrals', link: /^\/referrals\/(?!new$|ledger$)[^/?#]+$/ },
  '/referrals/new',
  '/referrals/ledger',
  '/cosell',
  { label: 'one co-sell', from: '/cosell', link: /^\/cosell\/(?!new$|export\.csv$)[^/?#]+$/ },
  '/cosell/new',
  '/accounts',
  '/connections',
  { label: 'one connection', from: '/connections', link: /^\/connections\/(?!request$)[^/?#]+$/ },
  '/connections/request',
  '/notifications',
  '/settings/profile',
  '/settings/account',
  '/settings/team',
  '/settings/api-keys',
  '/manage/listings',
  { label: 'one managed listing', from: '/manage/listings', link: /^\/manage\/listings\/(?!new$)[^/?#]+$/ },
  '/manage/listings/new',
  '/manage/integrations',
  '/manage/leads',
  '/insights',
  '/marketplace',
  { label: 'a category (signed in)', from: '/marketplace', link: /^\/marketplace\/category\/[^/?#]+$/ },
]

const VENDOR_ADMIN: Target[] = [
  '/',
  '/admin',
  '/admin/applications',
  '/admin/listings',
  { label: 'one listing review', from: '/admin/listings', link: /^\/admin\/listings\/[^/?#]+$/ },
  '/admin/referrals/conflicts',
  '/admin/categories',
  '/admin/partners',
  '/admin/onboarding',
  '/admin/settings',
  '/analytics',
  '/analytics/opportunities',
  '/analytics/import',
  '/notifications',
  '/settings/team',
  '/settings/api-keys',
]

async function resolve(page: Page, target: Target): Promise<{ label: string; path: string }> {
  if (typeof target === 'string') return { label: target, path: target }
  await page.goto(target.from)
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  const path = hrefs.find((href) => target.link.test(href))
  expect(path, `no link matching ${target.link} on ${target.from} (for "${target.label}")`).toBeTruthy()
  return { label: target.label, path: path! }
}

/** The serious and critical violations on the page as it is now, less the known ones, as text. */
async function seriousViolations(page: Page, who: string, label: string) {
  const results = await new AxeBuilder({ page }).analyze()
  const known = KNOWN_VIOLATIONS[`${who} ${label}`] ?? []
  const path = new URL(page.url()).pathname + new URL(page.url()).search
  const problems: string[] = []
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue
    if (known.includes(violation.id)) continue
    const targetsText = violation.nodes
      .slice(0, 5)
      .map((node) => `      ${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`)
      .join('\n')
    const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : ''
    problems.push(`${who} ${path} (${label}): ${violation.id} [${violation.impact}] ${violation.help}\n${targetsText}${more}`)
  }
  return problems
}

/** Visits every target and returns the serious and critical violations not in KNOWN_VIOLATIONS. */
async function audit(page: Page, who: string, targets: Target[]) {
  const problems: string[] = []
  for (const target of targets) {
    const { label, path } = await resolve(page, target)
    const response = await page.goto(path)
    if (!response || response.status() >= 400) {
      problems.push(`${who} ${path} (${label}): answered ${response?.status() ?? 'nothing'}`)
      continue
    }
    await page.waitForLoadState('load')
    problems.push(...(await seriousViolations(page, who, label)))
  }
  return problems
}

/**
 * One test per small group of pages, each with its own time budget: axe over a whole role's pages
 * in one test once ran out of time on a loaded machine, and a group that fails names its pages.
 */
const GROUP_SIZE = 4
const ROLES: { who: string; email: string | null; targets: Target[] }[] = [
  { who: 'anonymous', email: null, targets: ANONYMOUS },
  { who: 'partner', email: 'admin@northwind.test', targets: PARTNER_ADMIN },
  { who: 'vendor', email: 'admin@vendor.test', targets: VENDOR_ADMIN },
]
const labelOf = (target: Target) => (typeof target === 'string' ? target : target.label)

test.describe.configure({ mode: 'parallel' })

for (const { who, email, targets } of ROLES) {
  test.describe(`${who === 'anonymous' ? 'signed out' : `${who} admin`}: no serious or critical axe violation`, () => {
    for (let start = 0; start < targets.length; start += GROUP_SIZE) {
      const group = targets.slice(start, start + GROUP_SIZE)
      test(`pages ${start + 1}–${start + group.length} of ${targets.length}: ${group.map(labelOf).join(', ')}`, async ({ page, signedInPage }) => {
        // About 20 s a page on a busy machine (axe itself takes most of it), with room to spare.
        test.setTimeout(60_000 + group.length * 30_000)
        const tab = email ? await signedInPage(email) : page
        const problems = await audit(tab, who, group)
        expect(problems, problems.join('\n')).toEqual([])
      })
    }
  })
}

test('a form answered with errors moves focus to the first field to fix', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const page = await signedInPage('admin@northwind.test')
  await page.goto('/accounts')
  const save = page.getByRole('button', { name: 'Save account' })

  // The invalid field is marked (aria-invalid): focus goes to it, not left on the button.
  const domain = page.getByLabel('Web domain')
  await page.getByLabel('Account name').fill('Focus Check Ltd')
  await domain.fill('not a domain')
  await save.click()
  await expect(domain).toHaveAttribute('aria-invalid', 'true')
  await expect(domain).toBeFocused()

  // Only an error message next to the control: focus goes to that control.
  await domain.fill('focus-check.example.com')
  const dealSize = page.getByLabel('Deal size, USD (optional)')
  await dealSize.fill('a lot')
  await save.click()
  await expect(dealSize).toBeFocused()
})

test('search: a skip link takes keyboard users past the filters to the results', async ({ page }) => {
  test.setTimeout(90_000)
  await page.goto('/search?q=cloud')
  const skip = page.getByRole('link', { name: 'Skip to results' })
  await skip.focus()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('#results')).toBeFocused()
})

test('a conversation: Ctrl+Enter sends the message', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const page = await signedInPage('admin@northwind.test')
  const { path } = await resolve(page, { label: 'one referral', from: '/referrals', link: /^\/referrals\/(?!new$|ledger$)[^/?#]+$/ })
  await page.goto(path)
  await page.waitForFunction(() => document.readyState === 'complete')
  const text = `Sent from the keyboard ${Date.now().toString(36)}`
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Control+Enter')
  await expect(page.getByTestId('message-body').filter({ hasText: text })).toBeVisible({ timeout: 20_000 })
  // The conversation with a message in it (timestamps, the scrolling list) passes axe too.
  const problems = await seriousViolations(page, 'partner', 'a referral with a message')
  expect(problems, problems.join('\n')).toEqual([])
})
