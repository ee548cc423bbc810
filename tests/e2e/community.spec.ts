import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '#tests/e2e/fixtures.ts'

/**
 * The partner community on the seeded demo: a Northwind member asks a question in the open Q&A
 * space, a Bluepeak admin answers it in a second browser and the asker sees the reply arrive
 * without reloading, then accepts it as the answer. An outside partner gets "not found" for the
 * private EMEA co-sell group the demo partners share.
 */

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const TITLE = `How do you run a joint discovery workshop? ${run}`

test('ask a question → another partner answers live → the asker accepts the answer', async ({ signedInPage }) => {
  test.setTimeout(60_000)
  const asker = await signedInPage('member@northwind.test', { to: '/community' })
  await asker.getByRole('link', { name: 'Partner Q&A' }).click()
  await expect(asker.getByRole('heading', { level: 1, name: 'Partner Q&A' })).toBeVisible()
  await asker.getByLabel('Question (can have an accepted answer)').check()
  await asker.getByLabel('Title').fill(TITLE)
  await asker.getByLabel('Text').fill(`We co-sell with **Bluepeak** next month. Any agenda that worked for you? ${run}`)
  await asker.getByRole('button', { name: 'Post topic' }).click()
  await expect(asker.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(asker.locator('article strong', { hasText: 'Bluepeak' })).toBeVisible()
  await expect(asker.getByText('No replies yet.')).toBeVisible()

  // The other partner finds it among the unanswered questions and replies.
  const helper = await signedInPage('admin@bluepeak.test', { to: '/community/partner-qa?filter=unanswered' })
  await helper.getByRole('link', { name: TITLE }).click()
  await helper.getByRole('textbox', { name: 'Reply' }).fill(`Start from the *customer’s* goals, then map who owns what. Half a day is enough. ${run}`)
  await helper.getByRole('button', { name: 'Post reply' }).click()
  await expect(helper.getByTestId('replies')).toContainText('Half a day is enough.')

  // The asker's page shows the reply without a reload.
  await expect(asker.getByTestId('replies')).toContainText('Half a day is enough.', { timeout: 15_000 })
  await expect(asker.getByRole('heading', { name: '1 reply' })).toBeVisible()

  // Only the asker is offered "Accept as answer".
  await expect(helper.getByRole('button', { name: /Accept the reply/ })).toHaveCount(0)
  await asker.getByRole('button', { name: /Accept the reply by Elena Sokolova as the answer/ }).click()
  await expect(asker.getByTestId('accepted-answer')).toContainText('Half a day is enough.')
  await expect(asker.getByTestId('accepted-answer')).toContainText('Bluepeak Cloud')
  // …and the helper sees it accepted, live.
  await expect(helper.getByTestId('accepted-answer')).toBeVisible({ timeout: 15_000 })

  // No longer in the unanswered filter.
  await asker.goto('/community/partner-qa?filter=unanswered')
  await expect(asker.getByRole('link', { name: TITLE })).toHaveCount(0)
})

test('a partner request → matching partners → another partner replies → the asker turns the reply into a referral', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const title = `Healthcare integration partner wanted ${run}`
  const asker = await signedInPage('admin@northwind.test', { to: '/community/partner-qa' })
  await asker.getByLabel('Partner request (ask the ecosystem for help with a deal)').check()
  await asker.getByLabel('Title').fill(title)
  await asker.getByLabel('Text').fill(`A hospital group needs its scheduling connected to Stratolink. ${run}`)
  await asker.getByLabel('What you need (a few words)').fill('healthcare data integration')
  await asker.getByLabel('Region').selectOption('EMEA')
  await asker.getByLabel('Skills (comma-separated)').fill('HL7, FHIR')
  await asker.getByRole('button', { name: 'Post topic' }).click()
  await expect(asker.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(asker.getByTestId('request-details')).toContainText('HL7, FHIR')
  await expect(asker.getByTestId('request-matches').getByRole('heading', { name: 'Partners who match this request' })).toBeVisible()

  const helper = await signedInPage('admin@bluepeak.test', { to: '/community/partner-qa?filter=requests' })
  await helper.getByRole('link', { name: title }).click()
  await helper.getByRole('textbox', { name: 'Reply' }).fill(`We have done three FHIR projects this year. ${run}`)
  await helper.getByRole('button', { name: 'Post reply' }).click()
  await expect(helper.getByTestId('replies')).toContainText('three FHIR projects')
  // The helper is not offered the conversion links: only the asker is.
  await expect(helper.getByTestId('convert-reply')).toHaveCount(0)

  await asker.reload()
  await asker.getByRole('link', { name: 'Refer a customer to Bluepeak Cloud from this reply' }).click()
  await expect(asker).toHaveURL(/\/referrals\/new\?/)
  await expect(asker.getByTestId('from-request')).toBeVisible()
  await expect(asker.locator('[name="toOrg"]')).toHaveValue(/bluepeak/)
  await expect(asker.locator('textarea[name="need"]')).toHaveValue(new RegExp(`community request “${title}”`))
  await asker.locator('input[name="accountName"]').fill(`Clinic Group ${run}`)
  await asker.locator('input[name="accountDomain"]').fill(`clinic-${run}.example`)
  await asker.getByRole('button', { name: 'Check for conflicts' }).click()
  await asker.getByRole('button', { name: /Send (referral|anyway)/ }).click()
  await expect(asker).toHaveURL(/\/referrals\/[\w-]+$/)

  await asker.goto('/community/partner-qa?filter=requests')
  await asker.getByRole('link', { name: title }).click()
  await expect(asker.getByTestId('request-details')).toContainText('1 referral or co-sell')
  await expect(asker.getByTestId('replies')).toContainText('Turned into a referral.')
})

test('a partner outside a private space gets "not found" for it and does not see it listed', async ({ signedInPage }) => {
  const outsider = await signedInPage('admin@cobaltridge.test', { to: '/community' })
  await expect(outsider.getByRole('link', { name: 'Partner Q&A' })).toBeVisible()
  await expect(outsider.getByRole('link', { name: 'EMEA co-sell group' })).toHaveCount(0)
  const response = await outsider.goto('/community/emea-cosell')
  expect(response?.status()).toBe(404)
  const member = await signedInPage('member@bluepeak.test', { to: '/community' })
  await expect(member.getByRole('link', { name: 'EMEA co-sell group' })).toBeVisible()
})

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

test('community pages have no serious accessibility problems, work without JavaScript, and show anonymous visitors nothing', async ({ page, signedInPage }) => {
  test.setTimeout(90_000)
  // Anonymous: every community address sends to the sign-in page.
  for (const path of ['/community', '/community/partner-qa', '/community/emea-cosell']) {
    await page.goto(path)
    await expect(page).toHaveURL(/\/login\?redirectTo=/)
  }

  const problems: string[] = []
  const partner = await signedInPage('admin@northwind.test', { to: '/community' })
  problems.push(...(await seriousViolations(partner)))
  await partner.goto('/community/emea-cosell')
  problems.push(...(await seriousViolations(partner)))
  await partner.getByRole('link', { name: 'Who covers public-sector deals in the Nordics?' }).click()
  await expect(partner.getByTestId('accepted-answer')).toBeVisible()
  problems.push(...(await seriousViolations(partner)))
  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/community' })
  await expect(vendor.getByRole('heading', { level: 1, name: 'Community spaces' })).toBeVisible()
  problems.push(...(await seriousViolations(vendor)))
  expect(problems, problems.join('\n')).toEqual([])

  // Without JavaScript a reply is posted by the plain form, and a bad one comes back with its message.
  const noJs = await signedInPage('member@bluepeak.test', { to: '/community/partner-qa?filter=unanswered', context: { javaScriptEnabled: false } })
  await noJs.getByRole('link', { name: 'Best practice for SSO with multiple identity providers?' }).click()
  // Only spaces: the browser's own check lets it through, the server refuses it.
  await noJs.getByRole('textbox', { name: 'Reply' }).fill('   ')
  await noJs.getByRole('button', { name: 'Post reply' }).click()
  await expect(noJs.getByText('Enter a reply.')).toBeVisible()
  await noJs.getByRole('textbox', { name: 'Reply' }).fill(`Yes: add both as identity providers and route by e-mail domain. ${run}`)
  await noJs.getByRole('button', { name: 'Post reply' }).click()
  await expect(noJs.getByTestId('replies')).toContainText(`route by e-mail domain. ${run}`)
})
