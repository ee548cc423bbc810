import fs from 'node:fs'
import path from 'node:path'
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'

export * from '@playwright/test'

/**
 * The one way a browser suite signs in: `signInAs` puts a fresh session cookie for a person into a
 * browser context, and `signedInPage` opens a page in a new context (a second person, or the
 * same person without JavaScript) already signed in. The session is started on the server by the
 * app's own session code, through the test-only route that scripts/test-e2e.ts turns on
 * (app/http/e2e-session-hook.server.ts); no form is typed into. tests/e2e/auth.spec.ts is the
 * one suite that signs in through the real sign-in form.
 */

/** The seeded demo people's password (db/seed), for the suite that types it. */
export const DEMO_PASSWORD = 'Partner-demo-2026'

type SignedInPageOptions = {
  /** Where the page opens (default `/`). */
  to?: string
  /** Options for the new browser context, e.g. `{ javaScriptEnabled: false }`. */
  context?: BrowserContextOptions
}

type SignInFixtures = {
  /** Signs `context` (default: this test's own `context`, the one `page` lives in) in as `email`. */
  signInAs: (email: string, context?: BrowserContext) => Promise<void>
  /** A page in a new browser context, signed in as `email` and opened at `options.to`. */
  signedInPage: (email: string, options?: SignedInPageOptions) => Promise<Page>
}

function hookSecret(baseURL: string): string {
  if (process.env.E2E_SESSION_HOOK_SECRET) return process.env.E2E_SESSION_HOOK_SECRET
  // A server started by `scripts/test-e2e.ts --serve` (Playwright run on its own, maybe reusing it).
  const file = path.resolve('tests/.tmp', `e2e-${new URL(baseURL).port}`, 'session-hook-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  throw new Error(`No E2E_SESSION_HOOK_SECRET and no ${file}: start the server with scripts/test-e2e.ts (npm run test:e2e).`)
}

async function startSession(baseURL: string, email: string) {
  const response = await fetch(new URL('/__e2e/session', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-e2e-session-hook': hookSecret(baseURL) },
    body: JSON.stringify({ email }),
  })
  if (!response.ok) throw new Error(`Could not start a session for ${email}: ${response.status} ${await response.text()}`)
  return (await response.json()) as { name: string; value: string }
}

async function signIn(baseURL: string, context: BrowserContext, email: string) {
  const cookie = await startSession(baseURL, email)
  await context.addCookies([{ ...cookie, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
}

export const test = base.extend<SignInFixtures>({
  signInAs: async ({ baseURL, context }, use) => {
    await use((email, target = context) => signIn(baseURL!, target, email))
  },
  signedInPage: async ({ baseURL, browser }, use) => {
    const opened: BrowserContext[] = []
    await use(async (email, options = {}) => {
      const context = await browser.newContext(options.context)
      opened.push(context)
      await signIn(baseURL!, context, email)
      const page = await context.newPage()
      await page.goto(options.to ?? '/')
      await expect(page.getByTestId('account-menu')).toBeVisible()
      return page
    })
    for (const context of opened) await context.close()
  },
})
