import { and, desc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '#app/env.server.ts'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, mailMessages, memberships, notifications, organizations, passwordResetTokens, sessions, users } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor, TEST_PASSWORD } from '#tests/factories/index.ts'
import { snapshot } from '#tests/support/snapshot.ts'
import { DomainError } from '#app/utils/errors.ts'
import {
  applyAsPartner,
  changePassword,
  checkPasswordResetToken,
  countSessions,
  describeDevice,
  endOwnSession,
  listOwnSessions,
  login,
  LOGIN_MAX_FAILURES_PER_SOURCE,
  logoutEverywhere,
  logoutOtherSessions,
  requestPasswordReset,
  resetPassword,
  updateAccountName,
} from '#app/features/auth/auth.server.ts'
import { loadActor, startSession } from '#app/features/auth/session.server.ts'
import { hashToken } from '#app/features/auth/tokens.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
beforeAll(async () => {
  vendor = await createVendor()
})

let seq = 0
const unique = (prefix = 'person') => `${prefix}-${Date.now().toString(36)}-${++seq}@example.test`

function application(overrides: Record<string, unknown> = {}) {
  seq++
  return {
    companyName: `Acme Integrations ${seq}`,
    website: 'acme.example.com',
    partnerType: 'systems_integrator',
    regions: ['EMEA', 'NA'],
    industries: ['healthcare'],
    name: 'Ada Admin',
    email: unique('ada'),
    password: 'a long enough password',
    confirmPassword: 'a long enough password',
    ...overrides,
  }
}

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, `expected a DomainError '${code}'`).toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  return error as DomainError
}

async function lastMailTo(email: string) {
  const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.to, email)).orderBy(desc(mailMessages.createdAt)).limit(1)
  return mail
}

describe('applyAsPartner', () => {
  it('creates the applicant org, its admin, the membership, an event, an audit entry, a vendor notification and a mail', async () => {
    const input = application({ email: '  Ada.Lovelace@Example.TEST ' })
    const { userId, orgId } = await applyAsPartner(input, { ip: '10.0.0.1' })

    const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId))
    expect(org).toMatchObject({ kind: 'partner', status: 'applicant', name: input.companyName, website: 'https://acme.example.com', partnerType: 'systems_integrator' })
    expect(org!.regions).toEqual(['EMEA', 'NA'])
    expect(org!.slug).toMatch(/^acme-integrations-\d+/)

    const [user] = await db.select().from(users).where(eq(users.id, userId))
    expect(user!.email).toBe('ada.lovelace@example.test')
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)

    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, userId))
    expect(membership).toMatchObject({ orgId, role: 'partner_admin' })

    const [event] = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'org.applied'), eq(domainEvents.subjectId, orgId)))
    expect(event).toMatchObject({ actorId: userId, orgId })
    expect(event!.audience).toMatchObject({ vendor: true })
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.applied'), eq(auditLog.subjectId, orgId)))
    expect(audit!.ip).toBe('10.0.0.1')

    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, vendor.admin.userId), eq(notifications.kind, 'org.applied')))
    expect(note!.title).toContain(input.companyName)
    expect(note!.link).toBe('/admin/applications')

    const mail = await lastMailTo('ada.lovelace@example.test')
    expect(mail!.subject).toContain(input.companyName)

    const actor = await loadActor(userId)
    expect(actor).toMatchObject({ orgStatus: 'applicant', role: 'partner_admin', orgKind: 'partner' })
  })

  it('refuses a duplicate email (any case) with a field error and writes nothing', async () => {
    const first = application()
    await applyAsPartner(first)
    const before = await snapshot()
    const error = await expectDomainError(applyAsPartner(application({ email: first.email.toUpperCase() })), 'conflict')
    expect(error.fieldErrors?.email?.[0]).toMatch(/already exists/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a company name that already applied', async () => {
    const first = application()
    await applyAsPartner(first)
    const before = await snapshot()
    const error = await expectDomainError(applyAsPartner(application({ companyName: first.companyName.toLowerCase() })), 'conflict')
    expect(error.fieldErrors?.companyName?.[0]).toMatch(/already applied/)
    expect(await snapshot()).toEqual(before)
  })

  it.each([
    ['malformed email', { email: 'not-an-email' }, 'email', /valid email/],
    ['empty email', { email: '   ' }, 'email', /Enter your email/],
    ['short password', { password: 'short', confirmPassword: 'short' }, 'password', /at least 12/],
    ['oversized password', { password: 'x'.repeat(201), confirmPassword: 'x'.repeat(201) }, 'password', /at most 200/],
    ['mismatched confirmation', { confirmPassword: 'something else entirely' }, 'confirmPassword', /do not match/],
    ['oversized company name', { companyName: 'C'.repeat(121) }, 'companyName', /at most 120/],
    ['oversized person name', { name: 'N'.repeat(101) }, 'name', /at most 100/],
    ['oversized email', { email: `${'e'.repeat(250)}@x.io` }, 'email', /too long/],
    ['oversized website', { website: `https://${'w'.repeat(200)}.com` }, 'website', /at most 200/],
    ['bad website', { website: 'not a website' }, 'website', /website address/],
    ['unknown partner type', { partnerType: 'astronaut' }, 'partnerType', /kind of partner/],
    ['no regions', { regions: [] }, 'regions', /at least one region/],
    ['unknown industry', { industries: ['knitting'] }, 'industries.0', /from the list/],
  ])('refuses %s with a clear field message and writes nothing', async (_label, overrides, field, message) => {
    const before = await snapshot()
    const error = await expectDomainError(applyAsPartner(application(overrides)), 'invalid')
    expect(error.fieldErrors?.[field]?.[0]).toMatch(message)
    expect(await snapshot()).toEqual(before)
  })
})

describe('login', () => {
  it('accepts the right password, whatever the email case and spacing, and records the sign-in', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('casey') })
    const { userId } = await login({ email: `  ${actor.email.toUpperCase()} `, password: TEST_PASSWORD }, { ip: '10.1.0.1' })
    expect(userId).toBe(actor.userId)
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'user.signed_in'), eq(domainEvents.actorId, actor.userId)))
    expect(events).toHaveLength(1)
  })

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('wrong') })
    const wrong = await expectDomainError(login({ email: actor.email, password: 'not the password' }, { ip: '10.1.0.2' }), 'invalid')
    const unknown = await expectDomainError(login({ email: unique('nobody'), password: 'not the password' }, { ip: '10.1.0.3' }), 'invalid')
    expect(wrong.message).toBe(unknown.message)
    expect(wrong.message).toMatch(/don't match an account/)
  })

  it('refuses a malformed email before looking anything up', async () => {
    const error = await expectDomainError(login({ email: 'nope', password: 'whatever' }), 'invalid')
    expect(error.fieldErrors?.email?.[0]).toMatch(/valid email/)
  })

  it('refuses the 11th attempt on an account from one source within 15 minutes, even with the right password, saying when to retry', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('locked') })
    for (let i = 0; i < 10; i++) {
      await expectDomainError(login({ email: actor.email, password: `wrong password ${i}` }, { ip: '10.2.0.1' }), 'invalid')
    }
    const error = await expectDomainError(login({ email: actor.email, password: TEST_PASSWORD }, { ip: '10.2.0.1' }), 'rate_limited')
    expect(error.message).toMatch(/Too many failed sign-in attempts\. Try again in (1[0-5] minutes|\d+ seconds)\./)
    expect(error.retryAfterSeconds).toBeGreaterThan(0)
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60)
    expect(await countSessions(actor.userId)).toBe(0)
  })

  it('does not let an attacker lock the owner out: failures from one IP leave the owner signing in from another', async () => {
    const owner = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('owner') })
    for (let i = 0; i < 15; i++) {
      await expectDomainError(login({ email: owner.email, password: `attacker guess ${i}` }, { ip: '198.51.100.66' }), i < 10 ? 'invalid' : 'rate_limited')
    }
    await expect(login({ email: owner.email, password: TEST_PASSWORD }, { ip: '203.0.113.20' })).resolves.toMatchObject({ userId: owner.userId })
    // Nor does spreading the guesses over many addresses add up to a lock on the account.
    for (let i = 0; i < 12; i++) await expectDomainError(login({ email: owner.email, password: `botnet guess ${i}` }, { ip: `198.51.101.${i}` }), 'invalid')
    await expect(login({ email: owner.email, password: TEST_PASSWORD }, { ip: '203.0.113.20' })).resolves.toMatchObject({ userId: owner.userId })
    // The attacker's own address stays refused, for this account even with the right password.
    await expectDomainError(login({ email: owner.email, password: TEST_PASSWORD }, { ip: '198.51.100.66' }), 'rate_limited')
  })

  it('warns when few attempts are left', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('warn') })
    let last: DomainError | undefined
    for (let i = 0; i < 8; i++) last = await expectDomainError(login({ email: actor.email, password: 'nope nope nope' }), 'invalid')
    expect(last!.message).toMatch(/2 attempts left/)
  })

  it('refuses the 31st failure from one IP across different accounts', async () => {
    const ip = '10.3.0.9'
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_SOURCE; i++) await expectDomainError(login({ email: unique('spray'), password: 'guess guess guess' }, { ip }), 'invalid')
    const victim = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('victim') })
    const error = await expectDomainError(login({ email: victim.email, password: TEST_PASSWORD }, { ip }), 'rate_limited')
    expect(error.message).toMatch(/Try again in/)
    // The same account from another address still works.
    await expect(login({ email: victim.email, password: TEST_PASSWORD }, { ip: '10.3.0.10' })).resolves.toMatchObject({ userId: victim.userId })
  })

  it('does not count successful sign-ins against the limit', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('often') })
    for (let i = 0; i < 12; i++) await login({ email: actor.email, password: TEST_PASSWORD }, { ip: '10.4.0.1' })
    await expect(login({ email: actor.email, password: TEST_PASSWORD }, { ip: '10.4.0.1' })).resolves.toMatchObject({ userId: actor.userId })
  })

  it('refuses someone who was removed from their organization', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('gone') })
    await db.delete(memberships).where(eq(memberships.userId, actor.userId))
    const error = await expectDomainError(login({ email: actor.email, password: TEST_PASSWORD }), 'forbidden')
    expect(error.message).toMatch(/no longer part of an organization/)
  })
})

describe('sessions', () => {
  it('logs out of every session', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member')
    await startSession(actor.userId)
    await startSession(actor.userId)
    expect(await countSessions(actor.userId)).toBe(2)
    await logoutEverywhere(actor)
    expect(await countSessions(actor.userId)).toBe(0)
    const [event] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.signed_out_everywhere'), eq(auditLog.actorId, actor.userId)))
    expect(event).toBeTruthy()
  })

  it('lists only the actor’s own sessions, marking the current one, and can end the others', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member')
    const other = await createUserIn(vendor.org.id, 'vendor_member')
    const current = await startSession(actor.userId)
    await startSession(actor.userId)
    await startSession(other.userId)
    const list = await listOwnSessions(actor, current.sessionId)
    expect(list).toHaveLength(2)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    expect(JSON.stringify(list)).not.toContain(current.sessionId)
    expect(await logoutOtherSessions(actor, current.sessionId)).toBe(1)
    const [kept] = await db.select().from(sessions).where(eq(sessions.userId, actor.userId))
    expect(kept!.id).toBe(current.sessionId)
    expect(await countSessions(other.userId)).toBe(1)
  })
})

describe('single sessions', () => {
  const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
  const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

  it('names the device and IP each session started from', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member')
    const current = await startSession(actor.userId, { userAgent: MAC_CHROME, ip: '203.0.113.7' })
    await startSession(actor.userId, { userAgent: IPHONE, ip: '198.51.100.2' })
    const list = await listOwnSessions(actor, current.sessionId)
    expect(list.map((s) => [s.device, s.ip, s.current])).toEqual(
      expect.arrayContaining([
        ['Chrome on macOS', '203.0.113.7', true],
        ['Safari on iOS', '198.51.100.2', false],
      ]),
    )
    expect(describeDevice(null)).toBe('Unknown device')
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Linux')
  })

  it('ends one own session by its fingerprint; another person’s fingerprint is not found and nothing changes', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member')
    const other = await createUserIn(vendor.org.id, 'vendor_member')
    const current = await startSession(actor.userId, { userAgent: MAC_CHROME })
    const phone = await startSession(actor.userId, { userAgent: IPHONE })
    const theirs = await startSession(other.userId)
    const phoneKey = (await listOwnSessions(actor, current.sessionId)).find((s) => !s.current)!.key
    const theirKey = (await listOwnSessions(other, theirs.sessionId))[0]!.key

    const before = await snapshot()
    await expectDomainError(endOwnSession(actor, theirKey), 'not_found')
    await expectDomainError(endOwnSession(actor, 'not-a-key'), 'not_found')
    expect(await snapshot()).toEqual(before)

    expect((await endOwnSession(actor, phoneKey)).sessionId).toBe(phone.sessionId)
    const left = await db.select().from(sessions).where(eq(sessions.userId, actor.userId))
    expect(left.map((s) => s.id)).toEqual([current.sessionId])
    expect(await countSessions(other.userId)).toBe(1)
  })
})

describe('password reset', () => {
  async function resetTokenFor(email: string) {
    const mail = await lastMailTo(email)
    const match = mail?.text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)
    return match?.[1]
  }

  it('mails a single-use link whose token is stored only as a hash, and ends every session after the reset', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('forgetful') })
    await startSession(actor.userId)
    await requestPasswordReset({ email: ` ${actor.email.toUpperCase()}` }, { ip: '203.0.113.7' })
    const mail = await lastMailTo(actor.email)
    expect(mail!.text).toContain(`${appOrigin()}/reset-password/`)
    const token = (await resetTokenFor(actor.email))!
    const [stored] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, actor.userId))
    expect(stored!.tokenHash).toBe(hashToken(token))
    expect(stored!.tokenHash).not.toContain(token)
    const ttl = stored!.expiresAt.getTime() - Date.now()
    expect(ttl).toBeGreaterThan(59 * 60 * 1000)
    expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000)

    expect(await checkPasswordResetToken(token)).toMatchObject({ valid: true, email: actor.email })
    await resetPassword(token, { password: 'my brand new password', confirmPassword: 'my brand new password' })
    expect(await countSessions(actor.userId)).toBe(0)
    await expect(login({ email: actor.email, password: 'my brand new password' })).resolves.toMatchObject({ userId: actor.userId })
    await expectDomainError(login({ email: actor.email, password: TEST_PASSWORD }), 'invalid')

    // Single use.
    expect(await checkPasswordResetToken(token)).toMatchObject({ valid: false })
    const before = await snapshot()
    const reused = await expectDomainError(resetPassword(token, { password: 'yet another password', confirmPassword: 'yet another password' }), 'invalid')
    expect(reused.message).toMatch(/expired or was already used/)
    expect(await snapshot()).toEqual(before)
  })

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const before = await snapshot()
    await expect(requestPasswordReset({ email: unique('stranger') })).resolves.toBeUndefined()
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a malformed email', async () => {
    const error = await expectDomainError(requestPasswordReset({ email: 'who?' }), 'invalid')
    expect(error.fieldErrors?.email?.[0]).toMatch(/valid email/)
  })

  it('refuses an expired link and writes nothing', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('late') })
    await requestPasswordReset({ email: actor.email })
    const token = (await resetTokenFor(actor.email))!
    await db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, actor.userId))
    const before = await snapshot()
    await expectDomainError(resetPassword(token, { password: 'my brand new password', confirmPassword: 'my brand new password' }), 'invalid')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a short new password and keeps the link usable', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('short') })
    await requestPasswordReset({ email: actor.email })
    const token = (await resetTokenFor(actor.email))!
    const before = await snapshot()
    const error = await expectDomainError(resetPassword(token, { password: 'short', confirmPassword: 'short' }), 'invalid')
    expect(error.fieldErrors?.password?.[0]).toMatch(/at least 12/)
    expect(await snapshot()).toEqual(before)
    expect(await checkPasswordResetToken(token)).toMatchObject({ valid: true })
  })

  it('rejects garbage tokens without a lookup', async () => {
    expect(await checkPasswordResetToken('../../etc/passwd')).toMatchObject({ valid: false })
  })

  it('caps reset mails per address per hour', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('flood') })
    for (let i = 0; i < 8; i++) await requestPasswordReset({ email: actor.email })
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(mailMessages)
      .where(eq(mailMessages.to, actor.email))
    expect(Number(row!.n)).toBe(5)
  })
})

describe('account', () => {
  it('changes the password after checking the current one and ends the other sessions', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member', { email: unique('changer') })
    const current = await startSession(actor.userId)
    await startSession(actor.userId)
    const before = await snapshot()
    const wrong = await expectDomainError(
      changePassword(actor, { currentPassword: 'not it at all', newPassword: 'a new long password', confirmPassword: 'a new long password' }, current.sessionId),
      'invalid',
    )
    expect(wrong.fieldErrors?.currentPassword?.[0]).toMatch(/not right/)
    expect(await snapshot()).toEqual(before)

    await changePassword(actor, { currentPassword: TEST_PASSWORD, newPassword: 'a new long password', confirmPassword: 'a new long password' }, current.sessionId)
    const left = await db.select().from(sessions).where(eq(sessions.userId, actor.userId))
    expect(left.map((s) => s.id)).toEqual([current.sessionId])
    await expect(login({ email: actor.email, password: 'a new long password' })).resolves.toBeTruthy()
  })

  it('renames the actor and refuses oversized names', async () => {
    const actor = await createUserIn(vendor.org.id, 'vendor_member')
    await updateAccountName(actor, { name: '  Grace Hopper ' })
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId))
    expect(user!.name).toBe('Grace Hopper')
    const error = await expectDomainError(updateAccountName(actor, { name: 'x'.repeat(101) }), 'invalid')
    expect(error.fieldErrors?.name?.[0]).toMatch(/at most 100/)
  })

  it('partner users can use their account too', async () => {
    const { admin } = await createPartner()
    await updateAccountName(admin, { name: 'Partner Person' })
    expect((await loadActor(admin.userId))!.name).toBe('Partner Person')
  })
})
