import type { Page } from '@playwright/test'
import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * The top bar stays one line. A partner admin has the most links (nine); at 1280 px the account
 * menu once wrapped onto a second line under them. From 1280 px the links are a row beside the
 * logo, the bell and the account menu; below it they wait behind "Menu".
 */

const PEOPLE = [
  { who: 'a partner admin', email: 'admin@northwind.test' },
  { who: 'the vendor admin', email: 'admin@vendor.test' },
]

/** Vertical centre of an element. */
async function middle(page: Page, testId: string, nth = 0) {
  const box = (await page.getByTestId(testId).nth(nth).boundingBox())!
  return { top: box.y, middle: box.y + box.height / 2, right: box.x + box.width }
}

for (const { who, email } of PEOPLE) {
  for (const width of [1280, 1440]) {
    test(`${who} at ${width} px: the links, the bell and the account menu share one line`, async ({ signedInPage }) => {
      const page = await signedInPage(email, { context: { viewport: { width, height: 800 } } })
      const row = page.getByTestId('main-nav-row')
      await expect(row).toBeVisible()
      await expect(page.getByTestId('menu-button')).toBeHidden()
      const first = (await row.getByRole('link').first().boundingBox())!
      const last = (await row.getByRole('link').last().boundingBox())!
      const account = await middle(page, 'account-menu')
      const bell = await middle(page, 'bell')
      // Same line: the account menu's and the bell's middles are level with the first link's.
      expect(Math.abs(account.middle - (first.y + first.height / 2)), 'the account menu is on the links’ line').toBeLessThanOrEqual(2)
      expect(Math.abs(bell.middle - (first.y + first.height / 2)), 'the bell is on the links’ line').toBeLessThanOrEqual(2)
      expect(Math.abs(last.y - first.y), 'the links do not wrap').toBeLessThanOrEqual(1)
      expect(account.right).toBeLessThanOrEqual(width)
      // One line high: the header is no taller than the account menu plus its padding.
      const header = (await page.locator('header').first().boundingBox())!
      expect(header.height).toBeLessThan(80)
    })
  }

  for (const width of [390, 1024]) {
    test(`${who} at ${width} px: the links wait behind "Menu", on the account menu’s line`, async ({ signedInPage }) => {
      const page = await signedInPage(email, { context: { viewport: { width, height: 844 } } })
      await expect(page.getByTestId('main-nav-row')).toBeHidden()
      const menu = await middle(page, 'menu-button')
      const account = await middle(page, 'account-menu')
      expect(Math.abs(account.middle - menu.middle), 'the account menu is on the menu button’s line').toBeLessThanOrEqual(2)
      await page.getByTestId('menu-button').click()
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' })).toBeVisible()
    })
  }
}
