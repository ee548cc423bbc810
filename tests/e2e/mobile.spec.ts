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
  await page.getByTestId('referral-row').first().getByRole('link').first().click()
  await expect(page).toHaveURL(/\/referrals\/[^/?]+$/)
  await checkPage(page, 'referral')
  await page.goto('/cosell')
  await checkPage(page, 'cosell')
  await page.goto('/manage/leads')
  await checkPage(page, 'leads')
})

test('the vendor’s analytics fit a phone', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('admin@vendor.test', { context: { viewport: PHONE } })
  await page.goto('/analytics')
  await checkPage(page, 'analytics')
})
