import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * The main pages on a 390×844 phone: nothing wider than the screen (no sideways scrolling of the
 * page; a table may scroll inside its own card), and the main navigation one tap away behind
 * "Menu". Each page is also saved as a screenshot under test-results/mobile/ to look at.
 */
const PHONE = { width: 390, height: 844 }
test.use({ viewport: PHONE })

/** The elements that stick out past the right edge of the screen, outside any scrolling box. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX
        if (x !== 'visible') return true
      }
      return false
    }
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 4).join('.')} (right ${Math.round(el.getBoundingClientRect().right)})`
    const sticking = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: width, sticking: sticking.slice(0, 6).map(describe) }
  })
}

/** The cells of the first row of a list table, by column name (data-label), must be on screen side by side, not past its right edge. */
async function expectStackedRow(page: Page, row: ReturnType<Page['getByTestId']>, labels: string[]) {
  // On a phone the row is a stacked card (a grid), and the column headers are for screen readers only.
  await expect(row).toHaveCSS('display', 'grid')
  for (const label of labels) {
    const cell = row.locator(`td[data-label="${label}"]`)
    await expect(cell, `the ${label} cell`).toBeVisible()
    const box = (await cell.boundingBox())!
    expect(box.x, `the ${label} cell starts on screen`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `the ${label} cell ends on screen`).toBeLessThanOrEqual(PHONE.width)
    // Its column name is shown above the value.
    expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe(`"${label}"`)
  }
}

async function checkPage(page: Page, name: string) {
  await page.waitForLoadState('load')
  await page.screenshot({ path: `test-results/mobile/${name}.png`, fullPage: true })
  const o = await overflow(page)
  expect(o.innerWidth).toBe(PHONE.width)
  expect(o.scrollWidth, `${name} scrolls sideways; sticking out: ${o.sticking.join(', ')}`).toBeLessThanOrEqual(o.innerWidth)

  // The main navigation: behind "Menu", which opens it and closes it again.
  const menu = page.getByTestId('menu-button')
  await expect(menu).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeHidden()
  await menu.click()
  await expect(nav).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Marketplace' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Search' })).toBeVisible()
  const box = (await nav.boundingBox())!
  expect(box.x + box.width, 'the open menu fits on the screen').toBeLessThanOrEqual(PHONE.width)
  await menu.click()
  await expect(nav).toBeHidden()
}

test('a visitor’s pages fit a phone: home, marketplace, search, a listing, a partner, the contact form', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await checkPage(page, 'home')
  await page.goto('/marketplace')
  await checkPage(page, 'marketplace')
  await page.goto('/search?q=cloud')
  await checkPage(page, 'search')
  // The filters wait behind a "Filters" toggle, results first.
  await expect(page.getByTestId('facets')).toBeHidden()
  await expect(page.getByTestId('hit').first()).toBeInViewport()
  await page.getByTestId('filters-button').click()
  await expect(page.getByTestId('facets')).toBeVisible()
  await page.goto('/partners/northwind-systems')
  await checkPage(page, 'partner')
  await page.locator('a[href^="/listings/"]').first().click()
  await expect(page.getByTestId('listing-title')).toBeVisible()
  await checkPage(page, 'listing')
  await page.getByTestId('listing-contact').click()
  await expect(page.getByTestId('lead-form')).toBeVisible()
  await checkPage(page, 'contact')
})

test('a partner’s working pages fit a phone: home, referrals, one referral, co-sell, leads', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@northwind.test', { context: { viewport: PHONE } })
  await checkPage(page, 'home-signed-in')
  await page.goto('/referrals')
  await checkPage(page, 'referrals')
  await expectStackedRow(page, page.getByTestId('referral-row').first(), ['Status', 'Value'])
  await page.getByTestId('referral-row').first().getByRole('link').first().click()
  await expect(page).toHaveURL(/\/referrals\/[^/?]+$/)
  await checkPage(page, 'referral')
  await page.goto('/cosell')
  await checkPage(page, 'cosell')
  await expectStackedRow(page, page.getByTestId('cosell-list').locator('tbody tr').first(), ['Stage', 'Amount'])
  await page.goto('/manage/leads')
  await checkPage(page, 'leads')
})

test('a partner’s program standing and its community fit a phone: certifications stack, the topic and the space do not scroll sideways', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@northwind.test', { context: { viewport: PHONE }, to: '/program' })
  await checkPage(page, 'program')
  // The certifications table (person, certification, validity, actions) was 557 px wide on a 390 px phone.
  await expectStackedRow(page, page.getByTestId('certifications-table').locator('tbody tr').first(), ['Certification', 'Valid'])
  await page.goto('/community/partner-qa')
  await checkPage(page, 'community-space')
  await page.getByRole('link', { name: 'Looking for a healthcare data integration partner in EMEA' }).click()
  await expect(page.getByTestId('request-matches')).toBeVisible()
  await checkPage(page, 'community-request')
})

test('program tables fit a phone: a new partner’s path to its first tier, the vendor’s partner standings', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  // Larch Street has no tier yet: its gaps ("$370,000 to go") once pushed the requirements table past the screen.
  const partner = await signedInPage('admin@larchstreet.test', { context: { viewport: PHONE }, to: '/program' })
  await checkPage(partner, 'program-new-partner')
  await expectStackedRow(partner, partner.getByTestId('requirements-table').first().locator('tbody tr').first(), ['Measured', 'Threshold', 'Status / gap'])
  const vendor = await signedInPage('admin@vendor.test', { context: { viewport: PHONE }, to: '/admin/programs/partners' })
  await checkPage(vendor, 'program-standings')
  await expectStackedRow(vendor, vendor.getByTestId('standings-table').locator('tbody tr').first(), ['Track', 'Tier', 'State'])
  // A strategic plan's targets against the joint pipeline (five columns of amounts: 406 px on a 390 px phone).
  await vendor.goto('/admin/partnerships/portfolio')
  await vendor.locator('[data-partnership="seed-ps-drifting"]').getByRole('link').first().click()
  await vendor.getByTestId('health-ways-on').getByRole('link', { name: 'The joint business plan and its commitments' }).click()
  await expect(vendor.getByTestId('plan-targets')).toBeVisible()
  await checkPage(vendor, 'plan')
  await expectStackedRow(vendor, vendor.getByTestId('plan-targets').locator('tbody tr').first(), ['Pipeline target', 'Joint pipeline', 'Joint revenue won'])
  const caption = (await vendor.getByTestId('plan-targets').locator('caption').boundingBox())!
  expect(caption.width, 'the caption spans the table, not one word a line').toBeGreaterThan(200)
})

test('a partner’s overlap with a connection fits a phone: the matrix scrolls inside its card', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@northwind.test', { context: { viewport: PHONE }, to: '/connections' })
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  const path = hrefs.find((href) => /^\/connections\/(?!request$)[^/?#]+$/.test(href))
  expect(path, 'a connection to open').toBeTruthy()
  await page.goto(path!)
  const matrix = page.getByTestId('overlap-matrix')
  await expect(matrix).toBeVisible()
  await checkPage(page, 'connection')
  // The table may be wider than the phone; its own box scrolls, and that box ends on screen.
  const scroller = page.getByTestId('overlap-matrix-card')
  const box = (await scroller.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, 'the matrix’s card ends on screen').toBeLessThanOrEqual(PHONE.width)
  expect(await scroller.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto')
  // So does the "What each side shares" card beside it (its table once pushed the page sideways).
  const sharing = (await page.getByTestId('sharing-table').boundingBox())!
  expect(sharing.x + sharing.width).toBeLessThanOrEqual(PHONE.width)
})

test('the vendor’s analytics fit a phone, and its filters are multi-select comboboxes', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@vendor.test', { context: { viewport: PHONE } })
  await page.goto('/analytics')
  await checkPage(page, 'analytics')
  // No Ctrl-click list box: a combobox to type in and tap options, each choice shown as a chip.
  await expect(page.locator('select[multiple]')).toHaveCount(0)
  const tier = page.getByRole('combobox', { name: 'Tier' })
  await tier.click()
  const options = page.getByRole('listbox')
  await expect(options).toBeVisible()
  const listBox = (await options.boundingBox())!
  expect(listBox.x + listBox.width, 'the options fit on the screen').toBeLessThanOrEqual(PHONE.width)
  await page.getByRole('option', { name: 'Gold' }).click()
  await page.getByRole('option', { name: 'Platinum' }).click()
  await page.keyboard.press('Escape')
  const chosen = page.getByRole('list', { name: 'Chosen tier' })
  await expect(chosen.getByRole('listitem')).toHaveText([/Gold/, /Platinum/])
  // The combobox and its chips pass axe (no serious or critical violation). Checked closed: while
  // the options are open React Aria hides the rest of the page (aria-hidden), by design.
  const axe = await new AxeBuilder({ page }).analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious, serious.join('\n')).toEqual([])
  // A chip's button takes one off again.
  await chosen.getByRole('button', { name: 'Remove Platinum' }).click()
  await expect(chosen.getByRole('listitem')).toHaveText([/Gold/])
  // By keyboard: type part of a region's name (or its code), arrow to it, Enter picks it.
  const region = page.getByRole('combobox', { name: 'Region' })
  await region.focus()
  await region.pressSequentially('emea')
  await region.press('ArrowDown')
  await region.press('Enter')
  await region.press('Escape')
  await expect(page.getByRole('list', { name: 'Chosen region' }).getByRole('listitem')).toHaveText([/Europe, Middle East and Africa \(EMEA\)/])
  await page.getByTestId('apply-filters').click()
  await expect(page).toHaveURL(/[?&]tier=gold(&|$)/, { timeout: 60_000 })
  expect(new URL(page.url()).searchParams.getAll('tier')).toEqual(['gold'])
  expect(new URL(page.url()).searchParams.getAll('region')).toEqual(['EMEA'])
  await expect(page.getByRole('list', { name: 'Chosen tier' }).getByRole('listitem')).toHaveText([/Gold/])
  await page.screenshot({ path: 'test-results/mobile/analytics-filtered.png', fullPage: false })
})

test('an admin’s settings and lists fit a phone: team, API keys, webhooks, accounts, connections, the API reference', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const page = await signedInPage('admin@northwind.test', { context: { viewport: PHONE }, to: '/settings/team' })
  // Each of these once scrolled the whole page sideways: a cell's screen-reader-only label (absolutely
  // positioned) escaped its table's scrolling card.
  await checkPage(page, 'team')
  // A member's role, its Save button and Remove all on screen, under their column names.
  const member = page.getByTestId('members').locator('tbody tr').first()
  await expectStackedRow(page, member, ['Email', 'Role', 'Joined'])
  const save = (await member.getByRole('button', { name: /^Save role/ }).boundingBox())!
  expect(save.x + save.width, 'the Save button is on screen').toBeLessThanOrEqual(PHONE.width)
  await page.goto('/settings/api-keys')
  await checkPage(page, 'api-keys')
  await expectStackedRow(page, page.getByTestId('api-keys').locator('tbody tr').first(), ['Access', 'State', 'Last used'])
  await page.goto('/settings/webhooks')
  await checkPage(page, 'webhooks')
  await page.goto('/accounts')
  await checkPage(page, 'accounts')
  await page.goto('/connections')
  await checkPage(page, 'connections')
  await page.goto('/docs/api/reference')
  await checkPage(page, 'api-reference')
  // Its tables scroll inside their own boxes, which a keyboard can reach (axe: scrollable-region-focusable).
  const axe = await new AxeBuilder({ page }).include('#group-referrals').analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious, serious.join('\n')).toEqual([])
})
