import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 20_000 })

/** The signed-in home page lists the work waiting for the organization and links straight to it. */
test('a partner admin sees what needs them and follows a link to the waiting referrals', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test')
  const work = page.getByTestId('work-waiting')
  await expect(work.getByRole('heading', { name: 'What needs you' })).toBeVisible()
  const link = work.getByRole('link', { name: /waiting for your answer/ })
  const count = Number((await link.locator('span').first().textContent())?.replace(/,/g, ''))
  expect(count).toBeGreaterThan(0)
  await link.click()
  await expect(page).toHaveURL(/\/referrals\?box=inbox&status=submitted/)
  await expect(page.getByTestId('referral-row')).toHaveCount(Math.min(count, 25))
})

test("the vendor's team sees the program queues", async ({ signedInPage }) => {
  const page = await signedInPage('member@vendor.test')
  const work = page.getByTestId('work-waiting')
  await expect(work.getByRole('link', { name: /in the review queue/ })).toBeVisible()
  await work.getByRole('link', { name: /partner applications? to review/ }).click()
  await expect(page).toHaveURL(/\/admin\/applications/)
})

test("a partner can refer a customer or co-sell straight from another partner's listing", async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test')
  await page.goto('/partners/bluepeak-cloud')
  await page.locator('a[href^="/listings/"]').first().click()
  await expect(page.getByTestId('listing-title')).toBeVisible()
  const actions = page.getByTestId('listing-actions')
  // Both carry the partner and the listing (tests/e2e/start-from-here.spec.ts walks the forms).
  await expect(actions.getByRole('link', { name: 'Refer a customer' })).toHaveAttribute('href', /^\/referrals\/new\?to=bluepeak-cloud&need=/)
  await actions.getByRole('link', { name: /Co-sell with Bluepeak Cloud/ }).click()
  await expect(page.locator('[name="invite.partner"]')).toHaveValue('bluepeak-cloud')
  await expect(page.getByLabel('Message')).toHaveValue(/^About your listing “.+”\.$/)
})

/**
 * The demo's notifications read as sentences. Once, the seed recorded its listing and integration
 * events without the payload their types declare, and the bell said “"undefined" is live on the
 * marketplace” and “undefined lists an integration with your product”.
 */
test('the seeded notifications name their listing and partner', async ({ signedInPage }) => {
  for (const email of ['admin@northwind.test', 'admin@bluepeak.test']) {
    const page = await signedInPage(email, { to: '/notifications' })
    const items = page.getByTestId('notification')
    await expect(items.first()).toBeVisible()
    const texts = await items.allTextContents()
    expect(
      texts.filter((t) => /\bundefined\b|\bnull\b/.test(t)),
      email,
    ).toEqual([])
  }
})
