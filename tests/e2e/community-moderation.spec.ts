import { expect, test, type Page } from '#tests/e2e/fixtures.ts'

// Submissions on this shared, busy machine can take several seconds (route discovery included): the
// expectations right after one wait up to 15 s.

/**
 * Moderation on the seeded demo: a Bluepeak admin posts a reply, a Northwind member reports it,
 * the vendor's team hides it from the moderation queue, and the topic shows it hidden. Then the
 * vendor locks a topic and the partner can no longer reply to it.
 */

/** Waits until Remix has hydrated the page, so a click on a form inside a <details> is not lost to hydration. */
const hydrated = (page: Page) => page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

test('report a post → the vendor hides it from the queue → the topic shows it hidden', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const text = `Visit our shop for discount licences ${run}`
  const author = await signedInPage('member@bluepeak.test', { to: '/community/partner-qa' })
  await author.getByRole('link', { name: 'Anyone certified on the new analytics module yet?' }).click()
  await author.getByRole('textbox', { name: 'Reply' }).fill(text)
  await author.getByRole('button', { name: 'Post reply' }).click()
  await expect(author.getByTestId('replies')).toContainText(text, { timeout: 15_000 })

  const reporter = await signedInPage('member@northwind.test', { to: author.url() })
  await hydrated(reporter)
  const reply = reporter.getByTestId('replies').locator('li', { hasText: text })
  await reply.getByText('Report the reply by Marcus Lee').click()
  // A report needs a reason: the domain says so (the browser's own check is bypassed here).
  await reply.getByLabel('Why should the moderators look at it?').fill('Advertising, not an answer')
  await reply.getByRole('button', { name: 'Send report' }).click()
  await expect(reporter.getByText('Report sent to the moderators')).toBeVisible({ timeout: 15_000 })

  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/community/moderation' })
  await hydrated(vendor)
  await expect(vendor.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible()
  const item = vendor.locator('[data-testid^="queue-item-"]', { hasText: text })
  await expect(item).toContainText('Advertising, not an answer')
  await item.getByLabel('Reason for the decision').fill('Advertising breaks the community rules')
  await item.getByRole('button', { name: 'Hide' }).click()
  await expect(vendor.getByText('Post hidden')).toBeVisible({ timeout: 15_000 })
  await expect(vendor.locator('[data-testid^="queue-item-"]', { hasText: text })).toHaveCount(0)

  await reporter.reload()
  await hydrated(reporter)
  const hidden = reporter.getByTestId('replies').locator('li', { has: reporter.getByTestId('post-hidden') })
  await expect(hidden.first()).toContainText('This post was hidden by the moderators.')
  await expect(reporter.getByTestId('replies')).not.toContainText(text)
  // A hidden reply takes no reactions and no quote (the server refuses both): none is offered.
  await expect(hidden.getByTestId('reactions')).toHaveCount(0)
  await expect(hidden.getByRole('link', { name: /^Quote/ })).toHaveCount(0)
})

test('a partner request: a reply the moderators hid offers the asker no referral or co-sell (its text stays hidden)', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  // The seeded request by Northwind has a reply by Bluepeak and a spam reply by Arclight, hidden by the vendor's team.
  const asker = await signedInPage('admin@northwind.test', { to: '/community/partner-qa' })
  await asker.getByRole('link', { name: 'Looking for a healthcare data integration partner in EMEA' }).click()
  const hidden = asker.getByTestId('replies').locator('li', { has: asker.getByTestId('post-hidden') })
  await expect(hidden).toHaveCount(1)
  await expect(hidden.getByTestId('convert-reply')).toHaveCount(0)
  await expect(hidden.getByTestId('reactions')).toHaveCount(0)
  await expect(hidden.getByRole('button', { name: /Accept/ })).toHaveCount(0)
  await expect(asker.getByTestId('convert-reply')).toHaveCount(1)
  await expect(asker.getByRole('link', { name: 'Refer a customer to Bluepeak Cloud from this reply' })).toBeVisible()
  const hrefs = await asker.locator('main a[href]').evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')))
  expect(hrefs.filter((h) => h.includes('cheap.example'))).toEqual([])
})

test('the vendor locks a topic: the partner can no longer reply', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const title = `A topic to lock ${run}`
  const partner = await signedInPage('member@northwind.test', { to: '/community/partner-qa' })
  await partner.getByLabel('Discussion').check()
  await partner.getByLabel('Title').fill(title)
  await partner.getByLabel('Text').fill('Let us talk about it.')
  await partner.getByRole('button', { name: 'Post topic' }).click()
  await expect(partner.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 })
  await expect(partner.getByRole('textbox', { name: 'Reply' })).toBeVisible()

  const vendor = await signedInPage('admin@vendor.test', { to: partner.url() })
  await hydrated(vendor)
  await vendor.getByText('Lock or move this topic').click()
  await vendor.getByLabel('Reason to lock').fill('The discussion has run its course')
  await vendor.getByRole('button', { name: 'Lock topic' }).click()
  // The one-time toast, even when the lock's live update reloads the page's data before the
  // redirect's own load (the toast is delivered until the page has shown it; see readToast).
  await expect(vendor.getByRole('status').filter({ hasText: 'Topic locked' })).toBeVisible({ timeout: 15_000 })
  await expect(vendor.locator('article').getByText('Locked', { exact: true })).toBeVisible()

  await partner.reload()
  await hydrated(partner)
  await expect(partner.getByTestId('topic-locked')).toBeVisible()
  await expect(partner.getByRole('textbox', { name: 'Reply' })).toHaveCount(0)
  await expect(partner.getByText('Locked', { exact: true })).toBeVisible()
})
