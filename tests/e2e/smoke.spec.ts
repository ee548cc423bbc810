import { expect, test } from '#tests/e2e/fixtures.ts'

test.describe('smoke', () => {
  test('the home page renders with navigation and calls to action', async ({ page }) => {
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await expect(page).toHaveTitle(/Partner Hub/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('co-sell')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('link', { name: 'Marketplace' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Become a partner', exact: true })).toHaveAttribute('href', '/apply')
    // The stylesheet from the build is served with a long cache lifetime.
    const css = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => (l as HTMLLinkElement).href))
    expect(css.length).toBeGreaterThan(0)
    const asset = await page.request.get(css[0]!)
    expect(asset.status()).toBe(200)
    expect(asset.headers()['cache-control']).toContain('immutable')
  })

  test('an unknown page shows the 404 page with a way on', async ({ page }) => {
    const response = await page.goto('/this-page-does-not-exist')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible()
  })

  test('health and readiness answer', async ({ request }) => {
    const health = await request.get('/healthz')
    expect(health.status()).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await request.get('/readyz')
    expect(ready.status()).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ready', database: true })
  })

  test('a cross-site form post is refused by the Origin check', async ({ request }) => {
    const response = await request.post('/', { headers: { Origin: 'https://evil.example' }, form: { x: '1' } })
    expect(response.status()).toBe(403)
    expect(await response.text()).toContain('not this site')
  })

  test('the vendor admin demo login signs in, sees the vendor navigation, and signs out', async ({ page, signInAs }) => {
    await signInAs('admin@vendor.test')
    await page.goto('/')
    await expect(page.getByTestId('welcome')).toContainText('Maya Okafor')
    await expect(page.getByTestId('welcome')).toContainText('Stratolink Software')
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const label of ['Marketplace', 'Referrals', 'Co-sell', 'Analytics', 'Admin']) await expect(nav.getByRole('link', { name: label })).toBeVisible()
    await page.getByTestId('account-menu').click()
    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
    await expect(page.getByTestId('account-menu')).toHaveCount(0)
  })

  test('the partner demo logins sign in to their own companies, without the vendor’s pages', async ({ signedInPage }) => {
    for (const [email, name, org] of [
      ['admin@northwind.test', 'Priya Raman', 'Northwind Systems'],
      ['member@bluepeak.test', 'Marcus Lee', 'Bluepeak Cloud'],
    ] as const) {
      const page = await signedInPage(email)
      await expect(page.getByTestId('welcome')).toContainText(name)
      await expect(page.getByTestId('welcome')).toContainText(org)
      const nav = page.getByRole('navigation', { name: 'Main' })
      await expect(nav.getByRole('link', { name: 'My numbers' })).toBeVisible()
      await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0)
      await expect(nav.getByRole('link', { name: 'Analytics' })).toHaveCount(0)
      await page.context().close()
    }
  })
})
