import { expect as baseExpect, test } from '#tests/e2e/fixtures.ts'

// The machines running the suite are shared and slow at times: wait longer than the default.
const expect = baseExpect.configure({ timeout: 20_000 })

/**
 * The vendor's admin sets the public API's rate limits in /admin/settings (seeded at 600 a minute
 * per key, 3,000 per organization): a bad value is refused with a message at the field, a good one
 * is saved with a message saying so, and the API reference the page links to describes the 429.
 */
test('a vendor admin changes the per-key API limit; a bad value shows a field error', async ({ signedInPage }) => {
  const admin = await signedInPage('admin@vendor.test', { to: '/admin/settings' })
  const section = admin.getByRole('region', { name: 'Public API rate limits' })
  const perKey = section.getByLabel('Per API key (requests a minute)')
  const perOrg = section.getByLabel('Per organization, all its keys (requests a minute)')
  // The seeded limits.
  await expect(perKey).toHaveValue('600')
  await expect(perOrg).toHaveValue('3000')

  // Too low: the field says why, and nothing is saved.
  await perKey.fill('5')
  await admin.getByRole('button', { name: 'Save API limits' }).click()
  await expect(section.getByText('Allow one API key at least 10 requests a minute.')).toBeVisible()
  await expect(perKey).toHaveAttribute('aria-invalid', 'true')
  // More per key than the organization's limit for all its keys.
  await perKey.fill('5000')
  await perKey.blur()
  await admin.getByRole('button', { name: 'Save API limits' }).click()
  await expect(section.getByText('An organization’s limit covers all its keys: make it at least the per-key limit.')).toBeVisible()

  await perKey.fill('900')
  await perKey.blur()
  await admin.getByRole('button', { name: 'Save API limits' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'API limits saved' })).toBeVisible()
  await expect(admin.getByRole('status').filter({ hasText: 'The API applies them from the next request.' })).toBeVisible()
  await admin.reload()
  await expect(section.getByLabel('Per API key (requests a minute)')).toHaveValue('900')
  await expect(section.getByLabel('Per organization, all its keys (requests a minute)')).toHaveValue('3000')

  // The page links to the API guide; the guide to the reference, which documents the 429 answer.
  await section.getByRole('link', { name: 'public API' }).click()
  await expect(admin).toHaveURL(/\/docs\/api$/)
  await admin.goto('/docs/api/reference')
  await expect(admin.getByRole('heading', { level: 1, name: /reference/ })).toBeVisible()
  await expect(admin.getByText('/api/v1/referrals').first()).toBeVisible()
  await expect(admin.getByText(/^Rate limited \(per key or per organization/).first()).toBeVisible()
})
