import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

const expect = baseExpect.configure({ timeout: 20_000 })

/** A receiver on an ephemeral port, as a customer would run one: it verifies each signature with the secret the page showed. */
async function startReceiver() {
  const got: { id: string; type: string; verified: boolean }[] = []
  let secret = ''
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        const body = new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as { type: string }
        got.push({ id: String(req.headers['webhook-id']), type: body.type, verified: true })
        res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks')
      } catch {
        got.push({ id: String(req.headers['webhook-id']), type: '', verified: false })
        res.writeHead(401).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/partner-hub`,
    got,
    useSecret: (s: string) => void (secret = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * Northwind's admin adds a webhook endpoint pointing at a local receiver, sends a referral, sees
 * the signed delivery in the endpoint's log, and redelivers it (same webhook-id).
 */
test('add a webhook endpoint, receive a signed event, see it in the log, redeliver it', async ({ page, signInAs }) => {
  // Several pages and a referral on a shared, slow machine.
  test.setTimeout(120_000)
  const receiver = await startReceiver()
  try {
    await signInAs('admin@northwind.test')
    await page.goto('/settings/webhooks')
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible()
    await page.getByLabel('URL').fill(receiver.url)
    await page.getByLabel('Description (optional)').fill('E2E receiver')
    await page.getByLabel('referral.submitted', { exact: true }).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const shown = page.getByTestId('webhook-secret')
    await expect(shown).toContainText('copy its signing secret now')
    const secret = await shown.getByLabel('The signing secret').inputValue()
    expect(secret).toMatch(/^whsec_/)
    receiver.useSecret(secret)
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([])

    // Trigger an event: a referral to Bluepeak.
    const domain = `hook-${Date.now()}.example.com`
    await page.goto('/referrals/new?to=bluepeak-cloud')
    await page.getByLabel('Customer company').fill('Webhook Test Co')
    await page.getByLabel('Customer web domain').fill(domain)
    await page.getByLabel('What the customer needs').fill('They need a partner for a data migration.')
    await page.getByLabel('Kind of fee').selectOption('percent')
    await page.getByLabel('Percentage').fill('10')
    await page.getByRole('button', { name: 'Check for conflicts' }).click()
    await page.getByRole('button', { name: 'Send referral' }).click()
    await expect(page.getByTestId('referral-title')).toHaveText('Webhook Test Co')

    await expect.poll(() => receiver.got.filter((m) => m.verified && m.type === 'referral.submitted').length, { timeout: 20_000 }).toBe(1)
    expect(receiver.got.every((m) => m.verified)).toBe(true)

    // The delivery log.
    await page.goto('/settings/webhooks')
    await page.getByRole('link', { name: receiver.url }).first().click()
    const log = page.getByTestId('webhook-deliveries')
    const row = log.getByRole('row', { name: /referral\.submitted/ }).first()
    await expect(row).toContainText('Delivered')
    await expect(row).toContainText('200')
    await row.getByRole('link', { name: 'referral.submitted' }).click()
    await expect(page.getByTestId('delivery-detail')).toContainText('Webhook Test Co')
    await expect(page.getByTestId('delivery-detail')).toContainText('Attempt 1')

    // Redeliver: the same webhook-id again.
    await page
      .getByTestId('webhook-deliveries')
      .getByRole('row', { name: /referral\.submitted/ })
      .first()
      .getByRole('button', { name: /Redeliver/ })
      .click()
    await expect.poll(() => receiver.got.length, { timeout: 20_000 }).toBe(2)
    const ids = receiver.got.map((m) => m.id)
    expect(ids[0]).toBe(ids[1])
    expect(receiver.got.every((m) => m.verified)).toBe(true)
    await page.reload()
    await expect(page.getByTestId('delivery-detail')).toContainText('Manual redelivery')
  } finally {
    await receiver.close()
  }
})
