import { expect, test, type Page } from '@playwright/test'

/** The number in "123 results …". */
async function resultCount(page: Page) {
  const text = (await page.getByTestId('result-count').textContent()) ?? ''
  return Number(text.replace(/,/g, '').match(/(\d+) results?/)?.[1] ?? NaN)
}

async function facetCount(page: Page, facet: string, value: string) {
  const text = await page.getByTestId(`facet-${facet}-${value}`).getByTestId('facet-count').textContent()
  return Number((text ?? '').replace(/,/g, ''))
}

// Each keystroke batch and facet click is a round trip to the server; give slow CI machines room.
test.describe.configure({ timeout: 90_000 })
test.use({ actionTimeout: 15_000 })

test.describe('search', () => {
  test('typing in the search box narrows the results live, without pressing Enter', async ({ page }) => {
    await page.goto('/search')
    await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible()
    const all = await resultCount(page)
    expect(all).toBeGreaterThan(20)

    const box = page.getByRole('searchbox', { name: 'Search partners, listings and integrations' })
    await box.pressSequentially('helthcare', { delay: 40 }) // a typo, typed like a person
    await expect(page).toHaveURL(/[?&]q=helthcare/, { timeout: 15_000 })
    await expect(page.getByTestId('result-count')).toContainText('for “helthcare”', { timeout: 15_000 })
    const narrowed = await resultCount(page)
    expect(narrowed).toBeGreaterThan(0)
    expect(narrowed).toBeLessThan(all)
    // The typo still finds "Healthcare", highlighted in a <mark>.
    await expect(page.getByTestId('results').locator('mark').first()).toHaveText(/health/i)

    // More words narrow further (every word must match).
    await box.pressSequentially(' patient', { delay: 40 })
    await expect(page).toHaveURL(/q=helthcare(\+|%20)patient/)
    await expect(page.getByTestId('result-count')).toContainText('for “helthcare patient”', { timeout: 15_000 })
    expect(await resultCount(page)).toBeLessThanOrEqual(narrowed)

    // Clearing the box brings everything back (tests running alongside may have published more).
    await box.fill('')
    await expect(page.getByTestId('result-count')).not.toContainText('for “', { timeout: 15_000 })
    expect(await resultCount(page)).toBeGreaterThanOrEqual(all)
  })

  test('facets update counts and the URL; reloading the URL restores the same state', async ({ page }) => {
    await page.goto('/search')
    const emeaBefore = await facetCount(page, 'region', 'EMEA')
    const naBefore = await facetCount(page, 'region', 'NA')
    expect(emeaBefore).toBeGreaterThan(0)

    await page.getByTestId('facet-region-EMEA').click()
    await expect(page).toHaveURL(/[?&]region=EMEA/)
    await expect(page.getByTestId('chips')).toContainText('Region: Europe, Middle East and Africa')
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBe(emeaBefore)
    // Disjunctive: the region facet keeps its own counts, so another region can be added (OR).
    expect(await facetCount(page, 'region', 'NA')).toBe(naBefore)
    await expect(page.getByTestId('facet-region-EMEA')).toHaveAttribute('data-selected', 'true')

    // Another facet narrows across (AND); the first facet's counts now reflect it.
    const kindFacet = page.getByTestId('facet-kind').getByRole('link').first()
    const kindHref = (await kindFacet.getAttribute('href')) ?? ''
    const kindValue = new URLSearchParams(kindHref.split('?')[1]).get('kind')!
    const kindCount = await facetCount(page, 'kind', kindValue)
    await kindFacet.click()
    await expect(page).toHaveURL(new RegExp(`kind=${kindValue}`))
    await expect(page).toHaveURL(/region=EMEA/)
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBe(kindCount)
    await expect.poll(() => facetCount(page, 'region', 'EMEA'), { timeout: 15_000 }).toBe(kindCount)

    // Sort by name, then reload: same filters, sort, count and first result.
    await page.getByLabel('Sort by').selectOption('name')
    await expect(page).toHaveURL(/sort=name/)
    const url = page.url()
    const count = await resultCount(page)
    const first = await page.getByTestId('hit-title').first().textContent()
    await page.reload()
    expect(page.url()).toBe(url)
    expect(await resultCount(page)).toBe(count)
    await expect(page.getByTestId('hit-title').first()).toHaveText(first ?? '')
    await expect(page.getByLabel('Sort by')).toHaveValue('name')
    await expect(page.getByTestId('chips')).toContainText('Region: Europe, Middle East and Africa')

    // Removing a chip removes that filter only.
    await page.getByRole('link', { name: 'Remove filter Region: Europe, Middle East and Africa' }).click()
    await expect(page).not.toHaveURL(/region=/)
    await expect(page).toHaveURL(new RegExp(`kind=${kindValue}`))
  })

  test('an impossible search shows a helpful empty state', async ({ page }) => {
    await page.goto('/search?q=zzzyqxw')
    await expect(page.getByTestId('empty-state')).toContainText('Nothing matches “zzzyqxw”')
    await expect(page.getByTestId('empty-state').getByRole('link', { name: 'Describe what you need' })).toHaveAttribute('href', '/find-partner')
  })

  test('a refused filter in the address says what is wrong and keeps the typed words, so searching again works', async ({ page }) => {
    // A hand-edited or old link with a region that does not exist (case does not matter: region=emea is EMEA).
    const response = await page.goto('/search?q=cloud&region=europe')
    expect(response?.status()).toBe(400)
    await expect(page.getByRole('alert')).toContainText('Unknown region "europe". Use one of: NA, LATAM, EMEA, APAC.')
    const box = page.getByRole('searchbox', { name: 'Search partners, listings and integrations' })
    await expect(box).toHaveValue('cloud')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect(page.getByTestId('result-count')).toContainText('for “cloud”')
    expect(new URL(page.url()).searchParams.get('region')).toBeNull()
  })

  test('find a partner: need, region and industry give ranked partners with reasons', async ({ page }) => {
    await page.goto('/find-partner')
    await page.getByLabel('What do you need?').fill('migration')
    await page.getByLabel('Region').selectOption('EMEA')
    await page.getByRole('button', { name: 'Find partners' }).click()
    await expect(page).toHaveURL(/need=migration/)
    const first = page.getByTestId('match').first()
    await expect(first).toBeVisible()
    await expect(first.getByTestId('reasons')).toContainText('Works in Europe, Middle East and Africa')
    await expect(first.getByTestId('reasons')).toContainText('migration')
  })
})

test.describe('search without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the same page works as a plain GET form', async ({ page }) => {
    await page.goto('/search')
    await page.getByRole('searchbox', { name: 'Search partners, listings and integrations' }).fill('cloud')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect(page).toHaveURL(/q=cloud/)
    await expect(page.getByTestId('result-count')).toContainText('for “cloud”')
    await page.getByTestId('facet-region-NA').click()
    await expect(page).toHaveURL(/region=NA/)
    await expect(page).toHaveURL(/q=cloud/)
  })
})
