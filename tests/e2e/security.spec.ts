import { expect, test, type Page } from '@playwright/test'

/**
 * Issue 13 in a real browser: sign-in redirects stay on the site whatever `redirectTo` holds
 * (Chromium's own URL parser decides where a Location goes), and the Content-Security-Policy
 * lets the app's own scripts (hydration, live updates over socket.io) run with no violation.
 */
const PASSWORD = 'Partner-demo-2026'

async function signIn(page: Page, email: string, redirectTo: string) {
  // `redirectTo` goes into the query string as given: `/%09/x` reaches the server as a tab.
  await page.goto(`/login?redirectTo=${redirectTo}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('account-menu')).toBeVisible()
}

/** Records every CSP violation the page reports (an init script is not itself subject to the CSP). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { cspViolations: string[] }).cspViolations = seen
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)
const hydrated = (page: Page) => page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))

test.describe('redirects after sign-in', () => {
  for (const target of ['/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '/%5Cevil.example', '//evil.example', '%20//evil.example', 'https://evil.example/']) {
    test(`redirectTo=${target} stays on the site`, async ({ browser, baseURL }) => {
      const context = await browser.newContext()
      const page = await context.newPage()
      const site = new URL(baseURL!).origin
      await signIn(page, 'member@bluepeak.test', target)
      expect(new URL(page.url()).origin).toBe(site)
      expect(new URL(page.url()).pathname).toBe('/')
      // Already signed in, /login redirects at once (the loader): the same check applies.
      await page.goto(`/login?redirectTo=${target}`)
      expect(new URL(page.url()).origin).toBe(site)
      expect(new URL(page.url()).pathname).toBe('/')
      await context.close()
    })
  }

  test('a path on the site is kept', async ({ page, baseURL }) => {
    await signIn(page, 'member@bluepeak.test', encodeURIComponent('/notifications?page=1'))
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/notifications?page=1`)
  })
})

test.describe('Content-Security-Policy', () => {
  test('every HTML page has a fresh nonce on all of its inline scripts, also when served from the page cache', async ({ request }) => {
    const nonces = []
    for (let i = 0; i < 2; i++) {
      const res = await request.get('/marketplace')
      const csp = res.headers()['content-security-policy'] ?? ''
      expect(csp).toContain("script-src 'self' 'nonce-")
      expect(csp).toContain("frame-ancestors 'none'")
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
      const html = await res.text()
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
      nonces.push({ nonce, cache: res.headers()['x-page-cache'] })
    }
    // The cached copy keeps the policy it was rendered with, so its scripts still match.
    expect(nonces[1]!.cache).toBe('HIT')
    const login = await request.get('/login')
    expect(login.headers()['content-security-policy']).not.toContain(nonces[0]!.nonce)
  })

  test('the app hydrates, navigates and connects its socket with no violation', async ({ page }) => {
    await watchCsp(page)
    for (const path of ['/', '/marketplace', '/login']) {
      await page.goto(path)
      await hydrated(page)
      expect(await violations(page), path).toEqual([])
    }
    const frames: string[] = []
    page.on('websocket', (ws) => {
      if (ws.url().includes('/socket.io/')) ws.on('framereceived', (frame) => frames.push(String(frame.payload)))
    })
    await signIn(page, 'admin@vendor.test', '/analytics')
    await expect(page).toHaveURL(/\/analytics$/)
    // socket.io's CONNECT acknowledgement ("40…"): the websocket opened and passed the handshake.
    await expect.poll(() => frames.some((f) => f.startsWith('40'))).toBe(true)
    // A client-side navigation (no document load) proves the scripts run.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Marketplace' }).click()
    await expect(page).toHaveURL(/\/marketplace$/)
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)
    expect(await violations(page)).toEqual([])
  })
})
