import { expect, test } from '#tests/e2e/fixtures.ts'

/**
 * Two people on one topic: each sees that the other is viewing, the asker sees the helper typing,
 * and the helper's reply appears on the asker's page without a reload. The space list then shows
 * the topic's new reply as unread for a third person who has not opened it.
 */
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const TITLE = `Live topic journey ${run}`

test('two browsers on a topic: viewers, "is typing", and a reply arriving live', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const asker = await signedInPage('member@northwind.test', { to: '/community/partner-qa' })
  await asker.getByLabel('Discussion').check()
  await asker.getByLabel('Title').fill(TITLE)
  await asker.getByLabel('Text').fill(`Which live demo format works best for joint webinars? ${run}`)
  await asker.getByRole('button', { name: 'Post topic' }).click()
  await expect(asker.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(asker.getByTestId('viewers')).toHaveText('Only you are viewing', { timeout: 15_000 })

  const helper = await signedInPage('member@bluepeak.test', { to: asker.url() })
  await expect(helper.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(asker.getByTestId('viewers')).toHaveText('2 people are viewing', { timeout: 15_000 })
  await expect(helper.getByTestId('viewers')).toHaveText('2 people are viewing', { timeout: 15_000 })

  await helper.getByRole('textbox', { name: 'Reply' }).fill('A short product tour, then questions.')
  await expect(asker.getByTestId('typing')).toHaveText('Marcus Lee is typing…', { timeout: 15_000 })
  await expect(helper.getByTestId('typing')).toHaveText('')

  await helper.getByRole('button', { name: 'Post reply' }).click()
  await expect(helper.getByTestId('replies')).toContainText('A short product tour')
  await expect(asker.getByTestId('replies')).toContainText('A short product tour', { timeout: 15_000 })
  await expect(asker.getByRole('heading', { name: '1 reply' })).toBeVisible()
  await expect(asker.getByTestId('typing')).toHaveText('', { timeout: 15_000 })

  // Someone who never opened the topic sees it as new in the space's list.
  const reader = await signedInPage('admin@northwind.test', { to: '/community/partner-qa' })
  const row = reader.getByRole('listitem').filter({ has: reader.getByRole('link', { name: TITLE }) })
  await expect(row.getByTestId('unread')).toHaveText('New')
  await row.getByRole('link', { name: TITLE }).click()
  // Opening the topic records the reader's position.
  await expect(reader.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(reader.getByTestId('replies')).toContainText('A short product tour')
  await reader.goto('/community/partner-qa')
  await expect(
    reader
      .getByRole('listitem')
      .filter({ has: reader.getByRole('link', { name: TITLE }) })
      .getByTestId('unread'),
  ).toHaveCount(0)

  // The topic is in community search (indexed through the outbox), from the box on the community page.
  await expect(async () => {
    await reader.goto('/community')
    await reader.getByRole('searchbox', { name: 'Search the community' }).fill(run)
    await reader.getByRole('button', { name: 'Search' }).click()
    await expect(reader.getByTestId('community-results')).toContainText(TITLE, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
})
