import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * A visitor (no account) finds its way into the ecosystem from the home page: a search box,
 * featured listings, and the partner directory, find-a-partner and integrations in the
 * navigation. The directory filters and pages with plain links, so it works without JavaScript.
 */

test('the home page offers search, featured listings and the ways in', async ({ page }) => {
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const [name, href] of [
    ['Partners', '/partners'],
    ['Find a partner', '/find-partner'],
    ['Integrations', '/integrations'],
  ] as const) {
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('href', href)
  }
  const featured = page.getByTestId('home-featured')
  await expect(featured.getByRole('listitem').first()).toBeVisible()
  const firstListing = featured.getByRole('link').nth(1)
  const listingTitle = (await firstListing.textContent())!.trim()
  expect(listingTitle.length).toBeGreaterThan(0)

  await page.getByRole('searchbox', { name: 'Search partners, listings and integrations' }).fill('cloud')
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/\/search\?q=cloud/)
  await expect(page.getByTestId('hit').first()).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the partner directory lists partners A–Z, filters by type and pages through them', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners', exact: true }).click()
    // Without JavaScript every click is a full page load: wait for it to finish before reading the
    // list (allTextContents and count do not wait, and a page still arriving has fewer cards).
    await page.waitForURL(/\/partners$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Partner directory' })).toBeVisible()

    const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })
    const names = async () => (await page.getByTestId('directory-partner').getByRole('heading').allTextContents()).map((n) => n.trim())
    const all = await names()
    expect(all.length).toBe(24)
    expect([...all].sort(byName)).toEqual(all)
    const total = Number((await page.getByTestId('directory-count').textContent())!.replace(/\D/g, ''))
    expect(total).toBeGreaterThan(24)

    // The second page carries on where the first stopped, A–Z. Other specs run alongside this one
    // and change the directory between the two page loads (suspension.spec.ts suspends and
    // reinstates its first partner, others approve new ones), which moves the page boundary by a
    // partner: the second page may start with the first page's last partner, or skip one. So this
    // checks the order across the boundary, not that the two pages share no name.
    await page.getByRole('navigation', { name: 'Directory pages' }).getByRole('link', { name: /Next/ }).click()
    await page.waitForURL(/page=2/)
    const second = await names()
    expect(second.length).toBeGreaterThan(1)
    expect([...second].sort(byName)).toEqual(second)
    expect(byName(second[0]!, all.at(-1)!)).toBeGreaterThanOrEqual(0)
    expect(byName(second.at(-1)!, all.at(-1)!)).toBeGreaterThan(0)

    // Filter by partner type: every card carries the type, and the count shrinks.
    await page.goto('/partners')
    await page.getByTestId('facet-type-msp').click()
    await page.waitForURL(/type=msp/)
    const cards = page.getByTestId('directory-partner')
    const msps = await cards.count()
    expect(msps).toBeGreaterThan(0)
    for (let i = 0; i < msps; i++) await expect(cards.nth(i)).toContainText('Managed service provider')
    expect(Number((await page.getByTestId('directory-count').textContent())!.replace(/\D/g, ''))).toBeLessThan(total)

    // A profile from the directory.
    const name = (await cards.first().getByRole('heading').textContent())!.trim()
    await cards.first().getByRole('link', { name: 'View profile' }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  })

  test('a filter value the directory does not know is refused with a message, not an empty page', async ({ page }) => {
    const response = await page.goto('/partners?type=astronaut')
    expect(response?.status()).toBe(400)
    await expect(page.getByTestId('directory-errors')).toContainText('astronaut')
    await expect(page.getByRole('link', { name: 'Show all partners' })).toBeVisible()
  })
})
