import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '#tests/e2e/fixtures.ts'

/**
 * The posting experience on the seeded demo: a Northwind member starts a tagged topic; a Bluepeak
 * admin quotes it in a reply, mentions Priya through the "Mention someone" combobox, posts, reacts
 * to the topic, edits the reply and reads its history; Priya is notified of the mention. Without
 * JavaScript, reactions and the reply draft (which survives a reload) still work.
 */

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

test('reply with a quote and a mention → react → edit → view the history', async ({ signedInPage }) => {
  test.setTimeout(90_000)
  const title = `Which demo data do you use in workshops? ${run}`
  const author = await signedInPage('member@northwind.test', { to: '/community/partner-qa' })
  await author.getByLabel('Discussion').check()
  await author.getByLabel('Title').fill(title)
  await author.getByLabel('Text').fill(`We reset a sandbox every week. ${run}`)
  await author.getByLabel('Tags (optional)').fill('Workshops, demo data')
  await author.getByRole('button', { name: 'Post topic' }).click()
  await expect(author.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 })
  await expect(author.getByTestId('topic-tags')).toContainText('#workshops')
  await expect(author.getByTestId('topic-tags')).toContainText('#demo-data')

  const helper = await signedInPage('admin@bluepeak.test', { to: '/community/partner-qa?tag=demo-data' })
  await helper.getByRole('link', { name: title }).click()
  // Quote the topic into the reply box, with its author.
  await helper.getByRole('link', { name: 'Quote Tom Fischer in your reply' }).click()
  const box = helper.getByRole('textbox', { name: 'Reply' })
  await expect(box).toHaveValue(/^> \*\*Tom Fischer \(Northwind Systems\)\*\* wrote:/)
  await expect(box).toHaveValue(new RegExp(`> We reset a sandbox every week. ${run}`))
  // Mention Priya through the combobox: it puts her handle at the cursor.
  await box.press('Control+End')
  await box.pressSequentially('Same here, ')
  const picker = helper.getByRole('combobox', { name: 'Mention someone' })
  await picker.fill('Priya')
  await helper.getByRole('option', { name: /Priya Raman/ }).click()
  await expect(box).toHaveValue(/Same here, @priyaraman $/)
  await box.pressSequentially(`knows the reset script. ${run}`)
  await helper.getByRole('button', { name: 'Post reply' }).click()
  const reply = helper
    .getByTestId('replies')
    .locator('li')
    .filter({ hasText: `knows the reset script. ${run}` })
  await expect(reply.locator('blockquote')).toContainText('We reset a sandbox every week.', { timeout: 15_000 })
  await expect(reply).toContainText('@priyaraman')

  // React to the topic, then take it back.
  const heart = helper.locator('#topic').getByRole('button', { name: 'Heart: 0' })
  await heart.click()
  await expect(helper.locator('#topic').getByRole('button', { name: 'Heart: 1' })).toHaveAttribute('aria-pressed', 'true')
  // No reacting to your own post: the author sees counts only.
  await author.reload()
  await expect(author.locator('#topic').getByTestId('reactions')).toContainText('1')
  await expect(author.locator('#topic').getByRole('button', { name: /Heart/ })).toHaveCount(0)

  // Edit the reply; "edited" leads to its earlier version.
  await reply.getByText('Edit reply').click()
  await reply.getByRole('textbox', { name: 'Your reply' }).fill(`Same here, @priyaraman has the reset script. ${run}`)
  await reply.getByRole('button', { name: 'Save reply' }).click()
  const edited = helper
    .getByTestId('replies')
    .locator('li')
    .filter({ hasText: `has the reset script. ${run}` })
  await expect(edited).toBeVisible()
  await edited.getByRole('link', { name: 'Edited: see 1 earlier version' }).click()
  await expect(helper.getByRole('heading', { level: 1, name: 'Edit history' })).toBeVisible()
  await expect(helper.getByTestId('revisions')).toContainText(`knows the reset script. ${run}`)
  const problems = await seriousViolations(helper)
  await helper.getByRole('link', { name: 'Back to the topic' }).click()
  await expect(helper.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 })
  await expect(helper.getByRole('combobox', { name: 'Mention someone' })).toBeVisible({ timeout: 15_000 })
  problems.push(...(await seriousViolations(helper)))
  await helper.goto('/community/following')
  problems.push(...(await seriousViolations(helper)))
  expect(problems, problems.join('\n')).toEqual([])

  // Priya hears of the mention.
  const priya = await signedInPage('admin@northwind.test', { to: '/notifications' })
  await expect(async () => {
    await priya.reload()
    await expect(priya.getByText(`Elena Sokolova (Bluepeak Cloud) mentioned you in “${title}”`)).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
})

test('without JavaScript: react with a form, save a draft that survives a reload, follow the topic', async ({ signedInPage }) => {
  test.setTimeout(60_000)
  const page = await signedInPage('member@bluepeak.test', { to: '/community/partner-qa?tag=api', context: { javaScriptEnabled: false } })
  await page.getByRole('link', { name: 'Does the REST API support bulk upserts?' }).click()
  const lucasReply = page.getByTestId('replies').locator('li').first()
  const bulb = lucasReply.getByRole('button', { name: /^Insightful: / })
  const before = Number(/(\d+)$/.exec((await bulb.getAttribute('aria-label')) ?? '')?.[1] ?? 0)
  const pressed = (await bulb.getAttribute('aria-pressed')) === 'true'
  await bulb.click()
  await expect(lucasReply.getByRole('button', { name: `Insightful: ${pressed ? before - 1 : before + 1}` })).toHaveAttribute('aria-pressed', pressed ? 'false' : 'true')

  await page.getByRole('textbox', { name: 'Reply' }).fill(`A draft I will finish later ${run}`)
  await page.getByRole('button', { name: 'Save draft' }).click()
  // The form posts and redirects back to the topic; reload only once that page has arrived.
  await expect(page.getByText('Draft saved')).toBeVisible()
  await expect(page).toHaveURL(/page=last/)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue(`A draft I will finish later ${run}`)

  await page.getByRole('button', { name: 'Follow this topic' }).click()
  await expect(page.getByRole('button', { name: 'Following this topic' })).toBeVisible()
  await page.goto('/community/following')
  await expect(page.getByTestId('following')).toContainText('Does the REST API support bulk upserts?')
})

test('a new topic draft survives a reload: saved as you type with JavaScript, posting clears it', async ({ signedInPage }) => {
  test.setTimeout(60_000)
  const page = await signedInPage('admin@bluepeak.test', { to: '/community/emea-cosell' })
  const title = `Joint webinar in Q3? ${run}`
  await page.getByLabel('Discussion').check()
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Text').fill(`Who wants to co-host? ${run}`)
  await page.getByLabel('Tags (optional)').fill('events')
  // Saved after a pause in typing, with no button pressed.
  await expect(page.getByTestId('topic-draft-status')).toHaveText('Draft saved', { timeout: 15_000 })
  await page.reload()
  await expect(page.getByLabel('Title')).toHaveValue(title)
  await expect(page.getByLabel('Text')).toHaveValue(`Who wants to co-host? ${run}`)
  await expect(page.getByLabel('Tags (optional)')).toHaveValue('events')
  await expect(page.getByLabel('Discussion')).toBeChecked()
  await expect(page.getByTestId('topic-draft-status')).toContainText('Your draft was saved')
  await page.getByRole('button', { name: 'Post topic' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 })
  await page.goto('/community/emea-cosell')
  await expect(page.getByLabel('Title')).toHaveValue('')
  await expect(page.getByRole('button', { name: 'Discard draft' })).toHaveCount(0)
})

test('without JavaScript: "Save draft" keeps a new topic, a reload starts with it, "Discard draft" removes it', async ({ signedInPage }) => {
  test.setTimeout(120_000)
  const page = await signedInPage('member@northwind.test', { to: '/community/emea-cosell', context: { javaScriptEnabled: false } })
  await page.getByLabel('Partner request').check()
  await page.getByLabel('Title').fill(`Need a DACH partner ${run}`)
  await page.getByLabel('What you need (a few words)').fill('SAP integration')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft saved')).toBeVisible()
  await page.goto('/community/emea-cosell')
  await expect(page.getByLabel('Title')).toHaveValue(`Need a DACH partner ${run}`)
  await expect(page.getByLabel('What you need (a few words)')).toHaveValue('SAP integration')
  await expect(page.getByLabel('Partner request')).toBeChecked()
  await page.getByRole('button', { name: 'Discard draft' }).click()
  await expect(page.getByText('Draft discarded')).toBeVisible()
  await expect(page.getByLabel('Title')).toHaveValue('')
  await expect(page.getByRole('button', { name: 'Discard draft' })).toHaveCount(0)
})
