import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * Northwind's admin creates an API key at /settings/api-keys: the secret is shown once, works on
 * /api/v1 at once, is never shown again, and stops working the moment the key is revoked.
 */
test('create an API key, use it, and revoke it', async ({ page, playwright, baseURL, signInAs }) => {
  const api = await playwright.request.newContext({ baseURL })
  await signInAs('admin@northwind.test')
  await page.goto('/settings/api-keys')
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible()
  // The seeded keys: one in use, one revoked.
  const keys = page.getByTestId('api-keys')
  await expect(keys.getByRole('row', { name: /HubSpot sync/ })).toContainText('Active')
  await expect(keys.getByRole('row', { name: /Old spreadsheet export/ })).toContainText('Revoked')

  const name = `E2E sync ${Date.now()}`
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Referrals').selectOption('write')
  await page.getByLabel('Expires').selectOption('30')
  await page.getByRole('button', { name: 'Create key' }).click()

  const shown = page.getByTestId('new-key')
  await expect(shown).toContainText(`Copy the key “${name}” now`)
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  const secret = await shown.getByLabel('The new API key').inputValue()
  expect(secret).toMatch(/^ph_live_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/)

  const auth = { Authorization: `Bearer ${secret}` }
  const listed = await api.get('/api/v1/referrals?limit=5', { headers: auth })
  expect(listed.status()).toBe(200)
  expect((await listed.json()).object).toBe('list')
  const outOfScope = await api.get('/api/v1/listings', { headers: auth })
  expect(outOfScope.status()).toBe(403)

  // Shown once: a reload shows the key in the list, never its secret.
  await page.goto('/settings/api-keys')
  const row = keys.getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText('Active')
  await expect(row).toContainText(/referrals:write/)
  expect(await page.content()).not.toContain(secret)

  page.once('dialog', (dialog) => void dialog.accept())
  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  await expect(page.getByText(`The key "${name}" is revoked`)).toBeVisible()
  await expect(keys.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked')

  const refused = await api.get('/api/v1/referrals', { headers: auth })
  expect(refused.status()).toBe(401)
  expect((await refused.json()).error.message).toMatch(/was revoked/)
  await api.dispose()
})
