import { DEMO_PASSWORD, expect, test, type Browser, type Page } from '#tests/e2e/fixtures.ts'

/**
 * The foundation's journeys, through the real UI of the built app on the seeded database the whole
 * run shares: every person here is new (unique emails per run), so other suites are unaffected.
 * No wrong passwords are typed: sign-in throttling counts failures per IP, and every suite signs
 * in from 127.0.0.1.
 */

// Long journeys through several browsers; argon2 and the embedded database take their time.
test.describe.configure({ timeout: 180_000 })

const VENDOR_ADMIN = { email: 'admin@vendor.test', password: DEMO_PASSWORD }
const BLUEPEAK_MEMBER = { email: 'member@bluepeak.test', password: DEMO_PASSWORD }
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function newPage(browser: Browser) {
  const context = await browser.newContext()
  return context.newPage()
}

/**
 * Signs in through the form: the one suite that does (the others use tests/e2e/fixtures.ts).
 * With `asGiven`, `redirectTo` goes into the query string unencoded: `/%09/x` reaches the server as a tab.
 */
async function signIn(page: Page, email: string, password: string, redirectTo = '/', { asGiven = false } = {}) {
  await page.goto(`/login?redirectTo=${asGiven ? redirectTo : encodeURIComponent(redirectTo)}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Checking the password (argon2) takes seconds on a busy machine.
  await expect(page.getByTestId('account-menu')).toBeVisible({ timeout: 20_000 })
}

async function apply(page: Page, who: { company: string; name: string; email: string; password: string }) {
  await page.goto('/apply')
  await page.getByLabel('Company name').fill(who.company)
  await page.getByLabel('Website').fill(`${who.company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.com`)
  await page.getByLabel('Partner type').selectOption('systems_integrator')
  await page.getByRole('checkbox', { name: 'Europe, Middle East and Africa' }).check()
  await page.getByRole('checkbox', { name: 'North America' }).check()
  await page.getByRole('checkbox', { name: 'Healthcare' }).check()
  await page.getByLabel('Your name').fill(who.name)
  await page.getByLabel('Work email').fill(who.email)
  await page.getByLabel('Password', { exact: true }).fill(who.password)
  await page.getByLabel('Password again').fill(who.password)
  await page.getByRole('button', { name: 'Send application' }).click()
}

/** Opens the newest mail to `to` whose subject matches, in the mail log, and returns the first link matching `linkPattern`. */
async function linkFromMail(page: Page, to: string, subject: RegExp, linkPattern: RegExp) {
  await page.goto(`/dev/mail?to=${encodeURIComponent(to)}`)
  await page.getByRole('link', { name: subject }).first().click()
  await expect(page.getByTestId('mail-message')).toBeVisible()
  const href = await page.getByTestId('mail-body').getByRole('link', { name: linkPattern }).first().getAttribute('href')
  expect(href).toBeTruthy()
  return new URL(href!).pathname
}

test.describe('partner onboarding', () => {
  test('a new partner applies, the vendor admin approves it, its admin invites a teammate who joins through the mailed link', async ({ browser }) => {
    const applicant = { company: `Harbor Light Consulting ${run}`, name: 'Hana Harbor', email: `hana+${run}@harborlight.test`, password: 'harbor light pass 1' }
    const teammate = { name: 'Theo Teammate', email: `theo+${run}@harborlight.test`, password: 'teammate pass 1234' }

    // 1. The company applies and lands on a home page saying where it stands.
    const applicantPage = await newPage(browser)
    await apply(applicantPage, applicant)
    await expect(applicantPage).toHaveURL(/\/$/)
    await expect(applicantPage.getByRole('status').filter({ hasText: 'Application received' })).toBeVisible()
    await expect(applicantPage.getByTestId('application-status')).toContainText('waiting for review')
    await expect(applicantPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' })).toHaveCount(0)

    // A second application with the same email is refused at the field.
    const duplicatePage = await newPage(browser)
    await apply(duplicatePage, { ...applicant, company: `Someone Else ${run}` })
    await expect(duplicatePage.getByText('An account with this email already exists')).toBeVisible()

    // 2. The vendor admin finds it in the queue and approves it.
    const vendorPage = await newPage(browser)
    await signIn(vendorPage, VENDOR_ADMIN.email, VENDOR_ADMIN.password, '/admin')
    await expect(vendorPage).toHaveURL(/\/admin$/)
    await vendorPage.getByRole('link', { name: /Partner applications/ }).click()
    await expect(vendorPage.getByRole('heading', { name: 'Partner applications', level: 1 })).toBeVisible()
    const card = vendorPage.getByTestId('application').filter({ hasText: applicant.company })
    await expect(card).toContainText('applied today')
    await expect(card).toContainText(applicant.email)
    await card.getByRole('button', { name: `Approve ${applicant.company}` }).click()
    await expect(vendorPage.getByRole('status').filter({ hasText: `${applicant.company} approved` })).toBeVisible()
    await expect(vendorPage.getByTestId('application').filter({ hasText: applicant.company })).toHaveCount(0)

    // The applicant is told by mail.
    const mailPage = await newPage(browser)
    await mailPage.goto(`/dev/mail?to=${encodeURIComponent(applicant.email)}`)
    await expect(mailPage.getByRole('link', { name: /is an approved partner/ })).toBeVisible()

    // 3. The partner's admin signs in, sees the news, and invites a teammate.
    const adminPage = await newPage(browser)
    await signIn(adminPage, applicant.email, applicant.password)
    await expect(adminPage.getByTestId('application-status')).toHaveCount(0)
    await expect(adminPage.getByTestId('bell-count')).toBeVisible()
    await adminPage.goto('/settings/team')
    await adminPage.getByLabel('Email').fill(teammate.email)
    await adminPage.getByLabel('Role', { exact: true }).selectOption('partner_member')
    await adminPage.getByRole('button', { name: 'Send invitation' }).click()
    await expect(adminPage.getByRole('status').filter({ hasText: `Invitation sent to ${teammate.email}` })).toBeVisible()
    await expect(adminPage.getByTestId('invitations')).toContainText(teammate.email)

    // 4. The teammate follows the link from the mail, sets a name and password, and is in.
    const teammatePage = await newPage(browser)
    const invitePath = await linkFromMail(teammatePage, teammate.email, /invited you to join/, /\/invite\//)
    await teammatePage.goto(invitePath)
    await expect(teammatePage.getByRole('heading', { name: `Join ${applicant.company} on Partner Hub` })).toBeVisible()
    await teammatePage.getByLabel('Your name').fill(teammate.name)
    await teammatePage.getByLabel('Password', { exact: true }).fill(teammate.password)
    await teammatePage.getByLabel('Password again').fill(teammate.password)
    await teammatePage.getByRole('button', { name: `Join ${applicant.company}` }).click()
    await expect(teammatePage.getByRole('status').filter({ hasText: `Welcome to ${applicant.company}` })).toBeVisible()
    await expect(teammatePage.getByTestId('welcome')).toContainText(`Signed in as ${teammate.name} for ${applicant.company}`)

    // The link is single use, and the admin now sees the teammate on the team.
    await teammatePage.goto(invitePath)
    await expect(teammatePage.getByRole('heading', { name: "This invitation can't be used" })).toBeVisible()
    await adminPage.goto('/settings/team')
    await expect(adminPage.getByTestId('members')).toContainText(teammate.email)
    await expect(adminPage.getByTestId('members')).toContainText(teammate.name)

    // A partner member cannot invite: the team page offers no invitation form.
    await teammatePage.goto('/settings/team')
    await expect(teammatePage.getByRole('button', { name: 'Send invitation' })).toHaveCount(0)
    await expect(teammatePage.getByTestId('members')).toContainText(applicant.email)
  })

  test('the applications queue is closed to partners', async ({ browser }) => {
    const page = await newPage(browser)
    const who = { company: `Closed Door ${run}`, name: 'Cleo Closed', email: `cleo+${run}@closeddoor.test`, password: 'closed door pass 1' }
    await apply(page, who)
    await expect(page.getByTestId('application-status')).toBeVisible()
    const response = await page.goto('/admin/applications')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible()
  })
})

test.describe('password reset', () => {
  test('a forgotten password is reset through the mailed link, which ends every session and works once', async ({ browser }) => {
    const who = { company: `Forgetful Systems ${run}`, name: 'Fern Forgetful', email: `fern+${run}@forgetful.test`, password: 'original password 1' }
    const newPassword = 'brand new password 2'

    // Someone with an account, signed in on one browser.
    const oldBrowser = await newPage(browser)
    await apply(oldBrowser, who)
    await expect(oldBrowser.getByTestId('welcome')).toContainText(who.name)

    // On another browser they ask for a reset link (the answer reveals nothing about the account).
    const page = await newPage(browser)
    await page.goto('/login')
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible()
    await page.getByLabel('Email').fill(`  ${who.email.toUpperCase()} `)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()

    const resetPath = await linkFromMail(page, who.email, /Reset your Partner Hub password/, /\/reset-password\//)
    await page.goto(resetPath)
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
    // Too short first: a field error, nothing used up.
    await page.getByLabel('New password', { exact: true }).fill('short')
    await page.getByLabel('New password again').fill('short')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByText('Use at least 12 characters for your password.')).toBeVisible()
    await page.getByLabel('New password', { exact: true }).fill(newPassword)
    await page.getByLabel('New password again').fill(newPassword)
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page).toHaveURL(/\/login/)
    await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible()

    // The old browser's session ended with the reset.
    await oldBrowser.goto('/settings/account')
    await expect(oldBrowser).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Faccount/)

    // The new password works.
    await signIn(page, who.email, newPassword, '/settings/account')
    await expect(page.getByRole('heading', { name: 'Account and sessions' })).toBeVisible()
    await expect(page.getByTestId('sessions')).toContainText('this browser')

    // The link was single use.
    await page.goto(resetPath)
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()

    // Log out everywhere from the account page.
    await page.goto('/settings/account')
    await page.getByRole('button', { name: 'Log out everywhere' }).click()
    await expect(page).toHaveURL(/\/login/)
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
  })
})

// Issue 13: whatever `redirectTo` holds, the redirect after signing in stays on the site (Chromium's
// own URL parser decides where a Location goes).
test.describe('redirects after sign-in', () => {
  for (const target of ['/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '/%5Cevil.example', '//evil.example', '%20//evil.example', 'https://evil.example/']) {
    test(`redirectTo=${target} stays on the site`, async ({ browser, baseURL }) => {
      const context = await browser.newContext()
      const page = await context.newPage()
      const site = new URL(baseURL!).origin
      await signIn(page, BLUEPEAK_MEMBER.email, BLUEPEAK_MEMBER.password, target, { asGiven: true })
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
    await signIn(page, BLUEPEAK_MEMBER.email, BLUEPEAK_MEMBER.password, '/notifications?page=1')
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/notifications?page=1`)
  })
})
