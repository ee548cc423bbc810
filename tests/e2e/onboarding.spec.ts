import { expect as baseExpect, test, type Browser } from '#tests/e2e/fixtures.ts'

/**
 * A freshly approved partner's first sign-in: the home page shows the onboarding checklist, a step
 * turns done after the partner does it elsewhere, and the vendor's team sees the progress.
 * Every person here is new (unique per run), so other suites are unaffected.
 */
test.describe.configure({ timeout: 180_000 })
const expect = baseExpect.configure({ timeout: 20_000 })

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage()
}

test('a freshly approved partner gets a checklist, a step turns done when it does it, and the vendor sees its progress', async ({ browser, signedInPage }) => {
  const who = { company: `Quayside Data ${run}`, name: 'Quinn Quay', email: `quinn+${run}@quayside.test`, password: 'quayside pass 1234' }

  // 1. The company applies; the vendor admin approves it.
  const applicant = await newPage(browser)
  await applicant.goto('/apply')
  await applicant.getByLabel('Company name').fill(who.company)
  await applicant.getByLabel('Website').fill(`quayside-${run}.example.com`)
  await applicant.getByLabel('Partner type').selectOption('systems_integrator')
  await applicant.getByRole('checkbox', { name: 'Europe, Middle East and Africa' }).check()
  await applicant.getByRole('checkbox', { name: 'Healthcare' }).check()
  await applicant.getByLabel('Your name').fill(who.name)
  await applicant.getByLabel('Work email').fill(who.email)
  await applicant.getByLabel('Password', { exact: true }).fill(who.password)
  await applicant.getByLabel('Password again').fill(who.password)
  await applicant.getByRole('button', { name: 'Send application' }).click()
  await expect(applicant.getByTestId('application-status')).toContainText('waiting for review')
  await expect(applicant.getByTestId('onboarding')).toHaveCount(0)

  const vendor = await signedInPage('admin@vendor.test', { to: '/admin/applications' })
  await vendor
    .getByTestId('application')
    .filter({ hasText: who.company })
    .getByRole('button', { name: `Approve ${who.company}` })
    .click()
  await expect(vendor.getByRole('status').filter({ hasText: `${who.company} approved` })).toBeVisible()

  // 2. Its admin signs in: a first-run checklist with nothing done yet, and partners to start with.
  const partner = await signedInPage(who.email)
  const checklist = partner.getByTestId('onboarding')
  await expect(checklist.getByRole('heading', { name: /Welcome to the partner program/ })).toBeVisible()
  await expect(checklist.getByTestId('onboarding-progress')).toHaveText('0 of 5 done')
  await expect(checklist.getByTestId('onboarding-step-team')).toHaveAttribute('data-done', 'false')
  await expect(checklist.getByTestId('onboarding-step-connections')).toContainText('0 of 2 connected')
  await expect(checklist.getByTestId('onboarding-suggestions').getByRole('link', { name: 'Request a connection' }).first()).toBeVisible()

  // 3. It follows the team step's link, invites a colleague, and the step is done back home.
  await checklist.getByRole('link', { name: 'Invite a colleague →' }).click()
  await expect(partner).toHaveURL(/\/settings\/team$/)
  await partner.getByLabel('Email').fill(`colleague+${run}@quayside.test`)
  await partner.getByLabel('Role', { exact: true }).selectOption('partner_member')
  await partner.getByRole('button', { name: 'Send invitation' }).click()
  await expect(partner.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible()
  await partner.goto('/')
  await expect(checklist.getByTestId('onboarding-step-team')).toHaveAttribute('data-done', 'true')
  await expect(checklist.getByTestId('onboarding-progress')).toHaveText('1 of 5 done')
  await expect(checklist.getByRole('heading', { name: 'Finish setting up your organization' })).toBeVisible()

  // 4. The vendor's team sees its progress, and the seeded partner that is stuck.
  const member = await signedInPage('member@vendor.test', { to: '/admin' })
  await member.getByRole('link', { name: /Partner onboarding/ }).click()
  await expect(member.getByRole('heading', { name: 'Partner onboarding', level: 1 })).toBeVisible()
  await member.getByLabel('Partner name').fill(who.company)
  await member.getByRole('button', { name: 'Show' }).click()
  await expect(member.getByTestId('onboarding-row')).toHaveCount(1)
  await expect(member.getByTestId('onboarding-row')).toContainText('1 of 5')
  await member.getByLabel('Partner name').fill('Cobalt Ridge')
  await member.getByRole('button', { name: 'Show' }).click()
  await expect(member.getByTestId('onboarding-row').filter({ hasText: 'Cobalt Ridge Advisory' })).toContainText('Stuck')

  // 5. A vendor member reads the program settings but cannot change them.
  await member.goto('/admin/settings')
  await expect(member.getByTestId('read-only')).toBeVisible()
  await expect(member.getByLabel('Expire unanswered referrals after (hours)')).toBeDisabled()
  await expect(member.getByRole('button', { name: 'Save settings' })).toHaveCount(0)
})

test('a vendor admin changes the program settings, with field messages for a bad value', async ({ signedInPage }) => {
  const admin = await signedInPage('admin@vendor.test', { to: '/admin/settings' })
  const expiry = admin.getByLabel('Expire unanswered referrals after (hours)')
  const before = await expiry.inputValue()
  await expiry.fill('1')
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Expire after at least 2 hours.')).toBeVisible()
  await expiry.fill(before)
  // Leaving the field clears its message first (the button moves up as the message goes).
  await expiry.blur()
  await expect(admin.getByText('Expire after at least 2 hours.')).toHaveCount(0)
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Program settings saved' })).toBeVisible()
})
