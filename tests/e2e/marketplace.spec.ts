import { expect, test, type Page } from '#tests/e2e/fixtures.ts'
import sharp from 'sharp'

/**
 * The marketplace journey through the built app on the seeded demo: a partner admin creates a
 * listing with a screenshot, previews and submits it; the vendor admin reviews the diff and
 * approves; the listing shows on the public pages; an edit goes back through review while the
 * old version stays live. Titles and slugs are unique per run.
 */
test.describe.configure({ timeout: 300_000 })

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function approveInQueue(vendor: Page, title: string, expectDiffOn: string) {
  // Newest first: the demo queue holds more than one page of older submissions.
  await vendor.goto('/admin/listings?order=newest')
  const row = vendor.getByTestId('queue-item').filter({ hasText: title })
  await expect(row).toBeVisible()
  await row.getByRole('link', { name: title }).click()
  await expect(vendor.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const diff = vendor.getByTestId('review-diff')
  await expect(diff.locator(`[data-field="${expectDiffOn}"]`)).toBeVisible()
  await vendor.getByRole('button', { name: 'Approve and publish' }).click()
  await expect(vendor).toHaveURL(/\/admin\/listings$/)
  await vendor.goto('/admin/listings?order=newest')
  await expect(vendor.getByTestId('queue-item').filter({ hasText: title })).toHaveCount(0)
}

test('a partner lists a service, the vendor approves it, it goes live; an edit is reviewed while the old version stays live', async ({ browser, signedInPage }) => {
  const title = `Cloud landing zone sprint ${run}`
  const slug = `landing-zone-sprint-${run}`
  const screenshot = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#1d53f0' } })
    .png()
    .toBuffer()

  // 1. The partner admin creates the listing with a screenshot and watches the live preview.
  const partner = await signedInPage('admin@northwind.test')
  await partner.goto('/manage/listings/new')
  await partner.getByLabel('Kind').selectOption('service')
  await partner.getByLabel('Title', { exact: true }).fill(title)
  await partner.getByLabel('Address (slug)').fill(slug)
  await partner.getByLabel('Summary').fill('A two-week sprint that sets up a secure, well-architected cloud landing zone.')
  await partner.getByLabel('Description (Markdown)').fill('## What you get\n\n- Account structure\n- Guardrails\n\n<script>alert(1)</script>[docs](javascript:alert(1))')
  await partner.getByRole('checkbox', { name: 'Cloud migration' }).check()
  await partner.getByRole('checkbox', { name: 'Europe, Middle East and Africa' }).first().check()
  await partner.getByLabel('Pricing model').selectOption('one_time')
  await partner.getByLabel('Add screenshots (up to 6 in total)').setInputFiles({ name: 'sprint.png', mimeType: 'image/png', buffer: screenshot })
  const preview = partner.getByTestId('listing-preview')
  // The preview is rendered by the server a moment after typing stops (slow on a busy machine).
  await expect(preview.getByRole('heading', { name: 'What you get' })).toBeVisible({ timeout: 30_000 })
  await expect(preview.getByText(title)).toBeVisible()
  expect(await preview.innerHTML()).not.toMatch(/<script|href="javascript:/i)
  await partner.getByRole('button', { name: 'Create draft' }).click()

  // 2. The saved draft previews with its screenshot; the partner submits it.
  const draft = partner.getByTestId('draft-preview')
  await expect(draft.getByText(title)).toBeVisible({ timeout: 30_000 })
  await expect(partner).toHaveURL(/\/manage\/listings\/(?!new$)[a-z0-9]+$/)
  const manageUrl = partner.url()
  await expect(draft.getByRole('img', { name: `${title} — screenshot 1` })).toBeVisible()
  const shotSrc = await draft.getByRole('img', { name: `${title} — screenshot 1` }).getAttribute('src')
  const shot = await partner.request.get(shotSrc!)
  expect(shot.headers()['content-type']).toBe('image/webp')
  // Not public yet.
  const anonymous = await (await browser.newContext()).newPage()
  expect((await anonymous.goto(`/listings/${slug}`))!.status()).toBe(404)
  await partner.getByRole('button', { name: 'Submit for review' }).click()
  await expect(partner.getByTestId('listing-actions').getByRole('button', { name: 'Withdraw from review' })).toBeVisible()

  // 3. The vendor admin sees it in the queue with its diff and approves it.
  const vendor = await signedInPage('admin@vendor.test')
  await approveInQueue(vendor, title, 'title')

  // 4. It is on the marketplace, its category page, the partner's page and in the sitemap.
  await anonymous.goto('/marketplace')
  await expect(anonymous.getByTestId('newest').locator(`[data-slug="${slug}"]`)).toBeVisible()
  await anonymous.goto('/marketplace/category/cloud-migration')
  await expect(anonymous.locator(`[data-slug="${slug}"]`)).toBeVisible()
  const page = await anonymous.goto(`/listings/${slug}`)
  expect(page!.status()).toBe(200)
  await expect(anonymous.getByTestId('listing-title')).toHaveText(title)
  await expect(anonymous.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`/listings/${slug}$`))
  await expect(anonymous.locator('meta[property="og:title"]')).toHaveAttribute('content', new RegExp(title))
  expect(await anonymous.locator('article').innerHTML()).not.toMatch(/<script|href="javascript:/i)
  await anonymous.getByRole('link', { name: 'Northwind Systems' }).first().click()
  await expect(anonymous.getByTestId('partner-name')).toHaveText('Northwind Systems')
  await expect(anonymous.locator(`[data-slug="${slug}"]`)).toBeVisible()
  const sitemap = await anonymous.request.get('/sitemap.xml')
  expect(await sitemap.text()).toContain(`/listings/${slug}</loc>`)

  // 5. The partner edits it: a new version goes to review while the old one stays live.
  await partner.goto(manageUrl)
  await partner.getByRole('link', { name: 'Edit (creates a new version)' }).click()
  const newTitle = `${title} with guardrails`
  await partner.getByLabel('Title', { exact: true }).fill(newTitle)
  await partner.getByRole('button', { name: 'Save as new draft' }).click()
  await expect(partner).toHaveURL(manageUrl)
  await partner.getByRole('button', { name: 'Submit for review' }).click()
  await expect(partner.getByTestId('listing-actions').getByRole('button', { name: 'Withdraw from review' })).toBeVisible()

  await anonymous.goto(`/listings/${slug}`)
  await expect(anonymous.getByTestId('listing-title')).toHaveText(title)

  await approveInQueue(vendor, newTitle, 'title')
  await anonymous.goto(`/listings/${slug}`)
  await expect(anonymous.getByTestId('listing-title')).toHaveText(newTitle)

  // The partner was told, in the app.
  await partner.goto('/notifications')
  await expect(partner.getByText(`“${newTitle}” is live on the marketplace`).first()).toBeVisible()
})

test('a rejected draft is 404 to another partner and to visitors, and shows its reason to its own org', async ({ browser, signedInPage }) => {
  const owner = await signedInPage('admin@northwind.test')
  await owner.goto('/manage/listings')
  const rejected = owner
    .getByRole('row')
    .filter({ has: owner.locator('[data-status="rejected"]') })
    .first()
  await rejected.getByRole('link').first().click()
  await expect(owner.getByTestId('rejection-reason')).toBeVisible()
  const address = (await owner.getByTestId('listing-address').getAttribute('href'))!
  expect((await owner.goto(address))!.status()).toBe(200)

  const other = await signedInPage('admin@bluepeak.test')
  expect((await other.goto(address))!.status()).toBe(404)
  const visitor = await (await browser.newContext()).newPage()
  expect((await visitor.goto(address))!.status()).toBe(404)
  const sitemap = await (await visitor.request.get('/sitemap.xml')).text()
  expect(sitemap).not.toContain(`${address}</loc>`)
  const robots = await (await visitor.request.get('/robots.txt')).text()
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/)
})
