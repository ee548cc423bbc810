import { expect, test, type Page } from '#tests/e2e/fixtures.ts'

/**
 * Issue 13 in a real browser: the Content-Security-Policy lets the app's own scripts (hydration,
 * live updates over socket.io) run with no violation. Sign-in redirects (the other half) are
 * checked through the sign-in form in auth.spec.ts.
 */

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

  test('the app hydrates, navigates and connects its socket with no violation', async ({ page, signInAs }) => {
    test.setTimeout(60_000) // five page loads, the analytics one heavy: over 30 s on a busy machine
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
    await signInAs('admin@vendor.test')
    await page.goto('/analytics')
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
