import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 45_000 })
test.setTimeout(120_000)

/**
 * Find-a-partner reads a need written as a sentence: partners that match part of it are ranked by
 * how much they cover, each with reasons that cite what matched.
 */
test('a sentence gives ranked partners, each with reasons citing what matched', async ({ page }) => {
  await page.goto('/find-partner')
  await page.getByLabel('What do you need?').fill('migrate our healthcare data warehouse to the cloud')
  await page.getByRole('button', { name: 'Find partners' }).click()
  await expect(page).toHaveURL(/need=migrate/)
  const matches = page.getByTestId('match')
  await expect(matches.first()).toBeVisible()
  expect(await matches.count()).toBeGreaterThan(1)
  // Ranked: numbered in order, and the first one's reasons quote the need's words.
  await expect(matches.first().getByRole('heading', { level: 3 })).toContainText('1.')
  const reasons = matches.first().getByTestId('reasons')
  await expect(reasons).toContainText(/“(migrate|healthcare|data warehouse|cloud)”/)
  // Human labels, never raw values.
  await expect(page.getByTestId('matches')).not.toContainText('technology partner / isv')
  await expect(page.getByTestId('matches')).not.toContainText('financial_services')
  // A listing reason links to the listing it cites.
  const listingLink = page.getByTestId('matches').locator('a[href^="/listings/"]').first()
  await expect(listingLink).toBeVisible()
})

test('filler words alone ask for nothing and say what to try', async ({ page }) => {
  await page.goto('/find-partner?need=the+and+of+to')
  await expect(page.getByTestId('find-empty')).toContainText('No active partner matches any of that.')
})
