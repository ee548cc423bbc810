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
    await expect(page.getByRole('heading', { level: 1, name: 'Partner directory' })).toBeVisible()

    const names = async () => (await page.getByTestId('directory-partner').getByRole('heading').allTextContents()).map((n) => n.trim())
    const all = await names()
    expect(all.length).toBe(24)
    expect([...all].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(all)
    const total = Number((await page.getByTestId('directory-count').textContent())!.replace(/\D/g, ''))
    expect(total).toBeGreaterThan(24)

    // A second page, then back to the first.
    await page.getByRole('navigation', { name: 'Directory pages' }).getByRole('link', { name: /Next/ }).click()
    await expect(page).toHaveURL(/page=2/)
    const second = await names()
    expect(second.length).toBeGreaterThan(0)
    expect(second.some((n) => all.includes(n))).toBe(false)

    // Filter by partner type: every card carries the type, and the count shrinks.
    await page.goto('/partners')
    await page.getByTestId('facet-type-msp').click()
    await expect(page).toHaveURL(/type=msp/)
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
