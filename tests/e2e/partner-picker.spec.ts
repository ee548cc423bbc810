import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 30_000 })
test.setTimeout(120_000)

/**
 * The partner picker: one searchable combobox on the referral, connection, co-sell and pipeline
 * forms, asking the search index as you type; without JavaScript, the form's plain control.
 */
test('referral form: type part of a name, pick from the list, the form sends the partner', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test', { to: '/referrals/new' })
  const picker = page.getByRole('combobox', { name: 'Partner' })
  await expect(picker).toBeVisible()
  await picker.fill('bluep')
  const option = page.getByRole('option', { name: /Bluepeak Cloud/ })
  await expect(option).toBeVisible()
  await expect(option).toContainText('Technology partner (ISV)')
  await option.click()
  await expect(picker).toHaveValue('Bluepeak Cloud')
  await expect(page.locator('input[type="hidden"][name="toOrg"]')).toHaveValue('bluepeak-cloud')
  // Keyboard: clear, type, arrow down, Enter.
  await picker.fill('')
  await picker.pressSequentially('harb')
  await expect(page.getByRole('listbox')).toBeVisible()
  // Wait for the answer to "harb" (the list also keeps the partner picked before), then walk to it with the keyboard.
  await expect(page.getByRole('option', { name: /Harbor/ }).first()).toBeVisible()
  const names = await page.getByRole('option').allTextContents()
  const index = names.findIndex((name) => /Harbor/.test(name))
  for (let i = 0; i <= index; i++) await picker.press('ArrowDown')
  await picker.press('Enter')
  await expect(page.locator('input[type="hidden"][name="toOrg"]')).toHaveValue(/harbor/)
})

test('co-sell invite and connection request use the same picker, prefilled from a link', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test', { to: '/connections/request?partner=bluepeak-cloud' })
  await expect(page.getByRole('combobox', { name: 'Partner' })).toBeVisible()
  await expect(page.locator('input[type="hidden"][name="partner"]')).toHaveValue('bluepeak-cloud')
  await page.goto('/cosell/new')
  const picker = page.getByRole('combobox', { name: 'Partner' })
  await picker.fill('bluepeak')
  await page.getByRole('option', { name: /Bluepeak Cloud/ }).click()
  await expect(page.locator('input[type="hidden"][name="invite.partner"]')).toHaveValue('bluepeak-cloud')
})

test('without JavaScript the referral form keeps its select and the co-sell form a text field', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test', { to: '/referrals/new?to=bluepeak-cloud', context: { javaScriptEnabled: false } })
  const select = page.getByRole('combobox', { name: 'Partner' })
  await expect(select).toHaveValue('bluepeak-cloud')
  expect(await select.evaluate((el) => el.tagName)).toBe('SELECT')
  await page.goto('/cosell/new?invite=bluepeak-cloud')
  const input = page.getByRole('textbox', { name: 'Partner' })
  await expect(input).toHaveValue('bluepeak-cloud')
})
