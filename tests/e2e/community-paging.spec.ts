import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * A long thread pages its replies, 20 a page, with plain links (no JavaScript here), and a reply's
 * permalink (`?reply=<id>`) opens the page that holds it: the demo's migration-tips topic has 26.
 */
test('a long topic pages its replies, and a reply’s permalink opens the page that holds it', async ({ signedInPage }) => {
  const page = await signedInPage('member@northwind.test', { to: '/community/partner-qa', context: { javaScriptEnabled: false } })
  await page.getByRole('link', { name: 'One migration tip each: what saved your last project?' }).click()
  const replies = page.getByTestId('replies').locator(':scope > li')
  await expect(replies).toHaveCount(20)
  const pages = page.getByRole('navigation', { name: 'Reply pages' })
  await expect(pages).toContainText('Page 1 of 2')
  await expect(page.getByText('Last one: document the integration owners')).toHaveCount(0)

  await pages.getByRole('link', { name: /Next/ }).click()
  await expect(pages).toContainText('Page 2 of 2')
  await expect(replies).toHaveCount(6)
  const last = replies.last()
  await expect(last).toContainText('Last one: document the integration owners before you leave the project.')
  const replyId = (await last.getAttribute('id'))!.replace(/^reply-/, '')

  // From page 1, the permalink of the last reply lands on page 2 with that reply.
  const topicPath = new URL(page.url()).pathname
  await page.goto(`${topicPath}?reply=${replyId}#reply-${replyId}`)
  await expect(pages).toContainText('Page 2 of 2')
  await expect(page.locator(`#reply-${replyId}`)).toContainText('Last one: document the integration owners')
})
