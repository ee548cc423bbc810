import { expect as baseExpect, test, type Page } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * A partner-to-partner referral end to end, in two browser contexts on the seeded demo: Northwind
 * refers a customer to Bluepeak → Bluepeak's bell and inbox update live, without a reload →
 * Bluepeak accepts the fee terms → they talk live (typing shown) → Bluepeak marks it won → both
 * ledgers show the fee → the payer (Bluepeak, the receiver owes the referrer) marks it paid and
 * Northwind confirms receiving it.
 */

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const ACCOUNT = { name: `Referral E2E ${run}`, domain: `referral-e2e-${run}.example.com` }

async function bellCount(page: Page) {
  const badge = page.getByTestId('bell-count')
  return (await badge.count()) ? Number((await badge.textContent())?.replace('+', '') ?? 0) : 0
}

test('refer → live bell and inbox → accept terms → live messages with typing → won → ledgers → paid and confirmed', async ({ signedInPage }) => {
  test.setTimeout(180_000)
  const bluepeak = await signedInPage('admin@bluepeak.test', { to: '/referrals?box=inbox' })
  await expect(bluepeak.getByRole('heading', { name: 'Referrals' })).toBeVisible()
  // Let the page's socket connect before anything happens.
  await bluepeak.waitForFunction(() => document.readyState === 'complete')
  await bluepeak.waitForTimeout(500)
  const bellBefore = await bellCount(bluepeak)

  // Northwind refers a customer from Bluepeak's partner page link target.
  const northwind = await signedInPage('admin@northwind.test', { to: '/referrals/new?to=bluepeak-cloud' })
  await expect(northwind.getByRole('heading', { name: 'Refer a customer' })).toBeVisible()
  await expect(northwind.locator('[name="toOrg"]')).toHaveValue('bluepeak-cloud')
  await northwind.getByLabel('Customer company').fill(ACCOUNT.name)
  await northwind.getByLabel('Customer web domain').fill(`https://www.${ACCOUNT.domain}/contact`)
  await northwind.getByLabel('What the customer needs').fill('They need a cloud migration partner for 300 servers.')
  await northwind.getByLabel('Estimated value (USD, optional)').fill('50,000')
  await northwind.getByLabel('Kind of fee').selectOption('percent')
  await northwind.getByLabel('Percentage').fill('10')
  await northwind.getByLabel('Cap (USD, optional)').fill('')
  await northwind.getByRole('button', { name: 'Check for conflicts' }).click()
  await expect(northwind.getByRole('heading', { name: 'Check and send the referral' })).toBeVisible()
  await expect(northwind.getByTestId('confirm-terms')).toHaveText('10% of the won amount')
  await expect(northwind.getByTestId('no-conflicts')).toContainText(ACCOUNT.domain)
  await northwind.getByRole('button', { name: 'Send referral' }).click()
  await expect(northwind.getByTestId('referral-title')).toHaveText(ACCOUNT.name)
  const referralUrl = new URL(northwind.url()).pathname

  // Bluepeak: the bell and the inbox update live, without a reload.
  await expect.poll(() => bellCount(bluepeak), { timeout: 20_000 }).toBeGreaterThan(bellBefore)
  const row = bluepeak.getByTestId('referral-row').filter({ hasText: ACCOUNT.name })
  await expect(row).toBeVisible({ timeout: 20_000 })
  await row.getByRole('link', { name: ACCOUNT.name }).click()
  await expect(bluepeak.getByTestId('referral-title')).toHaveText(ACCOUNT.name)
  await expect(bluepeak.getByTestId('fee-terms')).toHaveText('10% of the won amount')

  // Accepting without ticking the terms is refused by the browser; tick them and accept.
  await bluepeak.getByLabel(/I accept the fee terms/).check()
  await bluepeak.getByRole('button', { name: 'Accept referral' }).click()
  await expect(bluepeak.getByTestId('referral-status')).toHaveText('Accepted')
  // Northwind sees the acceptance live.
  await expect(northwind.getByTestId('referral-status')).toHaveText('Accepted', { timeout: 20_000 })

  // They talk live; typing is shown to the other side.
  // Presence: each sees the other in the conversation.
  await expect(northwind.getByTestId('presence')).toContainText('Here now: Elena Sokolova', { timeout: 15_000 })
  await expect(bluepeak.getByTestId('presence')).toContainText('Here now: Priya Raman', { timeout: 15_000 })
  await northwind.getByLabel('Message').pressSequentially('Hi Bluepeak, their CTO expects your call', { delay: 20 })
  await expect(bluepeak.getByTestId('typing')).toContainText('is typing', { timeout: 10_000 })
  await northwind.getByRole('button', { name: 'Send' }).click()
  await expect(bluepeak.getByTestId('message-body').filter({ hasText: 'their CTO expects your call' })).toBeVisible({ timeout: 10_000 })
  await bluepeak.getByLabel('Message').fill('Thanks! Calling them tomorrow: https://example.com/notes')
  await bluepeak.getByRole('button', { name: 'Send' }).click()
  const reply = northwind.getByTestId('message-body').filter({ hasText: 'Calling them tomorrow' })
  await expect(reply).toBeVisible({ timeout: 10_000 })
  await expect(reply.getByRole('link', { name: 'https://example.com/notes' })).toHaveAttribute('href', 'https://example.com/notes')

  // Bluepeak works it and wins it.
  await bluepeak.getByRole('button', { name: 'Start working on it' }).click()
  await expect(bluepeak.getByTestId('referral-status')).toHaveText('In progress')
  await bluepeak.getByLabel('Won amount (USD)').fill('-5')
  await bluepeak.getByRole('button', { name: 'Mark won' }).click()
  await expect(bluepeak.getByTestId('error-win')).toContainText('cannot be negative')
  await bluepeak.getByLabel('Won amount (USD)').fill('48,000')
  await bluepeak.getByRole('button', { name: 'Mark won' }).click()
  await expect(bluepeak.getByTestId('referral-status')).toHaveText('Won')
  await expect(bluepeak.getByTestId('fee-amount')).toHaveText('$4,800.00')
  await expect(northwind.getByTestId('fee-amount')).toHaveText('$4,800.00', { timeout: 20_000 })

  // Both ledgers show the fee, from each side.
  for (const [page, direction] of [
    [bluepeak, 'You owe Northwind Systems'],
    [northwind, 'Bluepeak Cloud owes you'],
  ] as const) {
    await page.goto('/referrals/ledger')
    const line = page.getByTestId('ledger-row').filter({ hasText: ACCOUNT.name })
    await expect(line).toContainText(direction)
    await expect(line.getByTestId('ledger-amount')).toHaveText('$4,800.00')
    await expect(line.getByTestId('ledger-status')).toHaveText('Owed')
  }

  // The payer marks it paid; the referrer confirms.
  await bluepeak.goto(referralUrl)
  await bluepeak.getByLabel('Payment reference (optional)').fill(`INV-${run}`)
  await bluepeak.getByRole('button', { name: 'Mark paid' }).click()
  await expect(bluepeak.getByTestId('fee-status')).toHaveText('paid')
  await northwind.goto(referralUrl)
  await northwind.getByRole('button', { name: 'Confirm payment received' }).click()
  await expect(northwind.getByTestId('fee-status')).toHaveText('confirmed')
  await bluepeak.goto('/referrals/ledger')
  await expect(bluepeak.getByTestId('ledger-row').filter({ hasText: ACCOUNT.name }).getByTestId('ledger-status')).toHaveText('Paid and confirmed')

  // After the win, Northwind endorses Bluepeak once.
  await northwind.goto(referralUrl)
  await northwind.getByRole('radio', { name: '5', exact: true }).check()
  await northwind.getByLabel('Comment (optional)').fill('Quick and professional.')
  await northwind.getByRole('button', { name: 'Endorse' }).click()
  await expect(northwind.getByText('Northwind Systems: ★★★★★ — Quick and professional.')).toBeVisible()
  await expect(northwind.getByRole('button', { name: 'Endorse' })).toHaveCount(0)
})

/**
 * The fee on "Refer a customer" asks only for what its kind needs: a percentage (and a cap), a
 * fixed amount (and a cap), or nothing for no fee. Once, all three fields showed whatever was chosen.
 */
test('the referral fee shows only the fields of the kind chosen', async ({ signedInPage }) => {
  const page = await signedInPage('admin@northwind.test', { to: '/referrals/new' })
  const kind = page.getByLabel('Kind of fee')
  await kind.selectOption('percent')
  await expect(page.getByLabel('Percentage')).toBeVisible()
  await expect(page.getByLabel('Fixed amount (USD)')).toHaveCount(0)
  await expect(page.getByLabel('Cap (USD, optional)')).toBeVisible()
  await kind.selectOption('fixed')
  await expect(page.getByLabel('Fixed amount (USD)')).toBeVisible()
  await expect(page.getByLabel('Percentage')).toHaveCount(0)
  await kind.selectOption('none')
  await expect(page.getByLabel('Cap (USD, optional)')).toHaveCount(0)
  await expect(page.getByLabel('Fixed amount (USD)')).toHaveCount(0)
  await expect(page.getByLabel('Percentage')).toHaveCount(0)
  // A fixed fee left empty is asked for by name.
  await kind.selectOption('fixed')
  await page.getByRole('button', { name: 'Check for conflicts' }).click()
  await expect(page.locator('#referral-feeFixed-error')).toHaveText('Enter the fixed fee.')
})
