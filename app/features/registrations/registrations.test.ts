import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, dealConflicts, dealRegistrations, domainEvents, notifications, opportunities, referrals } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { registrationInput, uniqueDomain } from '#tests/factories/registrations.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { NEUTRAL_CONFLICT_MESSAGE } from '#app/features/deals/conflicts.server.ts'
import { listDealConflicts, resolveDealConflict } from '#app/features/deals/queue.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { getReferral } from '#app/features/referrals/queries.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import {
  decideRegistration,
  extendRegistration,
  getProtectionDays,
  getRegistration,
  listRegistrations,
  runRegistrationMaintenance,
  submitRegistration,
} from '#app/features/registrations/registrations.server.ts'
import { getVendorSettings, updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'
import { refusal } from '#tests/support/refusal.ts'

type P = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: P
let beta: P
let gamma: P

let n = 0
const domain = () => uniqueDomain('reg')
const input = (accountDomain: string, extra: Record<string, unknown> = {}) => registrationInput({ accountDomain, currency: 'USD', ...extra })

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: 'Alpha Integrators' })
  beta = await createPartner({ name: 'Beta Cloud' })
  gamma = await createPartner({ name: 'Gamma Advisory' })
})

beforeEach(async () => {
  await db.execute(sql`delete from rate_limits where key like 'referral-preview:%'`)
})

describe('registering and deciding', () => {
  it('validates with field messages and writes nothing when invalid', async () => {
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(dealRegistrations))[0]!.n
    let e = await refusal(submitRegistration(alpha.admin, input('not a domain')))
    expect(e.fieldErrors?.accountDomain?.[0]).toMatch(/web domain/)
    e = await refusal(submitRegistration(alpha.admin, input(domain(), { amount: '-5' })))
    expect(e.fieldErrors?.amount?.[0]).toMatch(/positive amount/)
    e = await refusal(submitRegistration(alpha.admin, input(domain(), { products: ' , ' })))
    expect(e.fieldErrors?.products?.[0]).toMatch(/at least one product/)
    e = await refusal(submitRegistration(alpha.admin, input(domain(), { expectedCloseAt: '2020-01-01' })))
    expect(e.fieldErrors?.expectedCloseAt?.[0]).toMatch(/past/)
    e = await refusal(submitRegistration(alpha.admin, input(domain(), { currency: 'EUR' })))
    expect(e.fieldErrors?.currency?.[0]).toMatch(/USD/)
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(dealRegistrations))[0]!.n).toBe(before)
  })

  it('a partner registers (domain normalized, value in minor units); the vendor approves: protected for the configured days, a vendor opportunity sourced by the partner, audited', async () => {
    const d = domain()
    const { registration, notice } = await submitRegistration(alpha.member, input(`https://www.${d}/about`))
    expect(registration).toMatchObject({ status: 'pending', accountDomain: d, amount: 12_000_000, currency: 'USD', products: ['Data Platform', 'Analytics'] })
    expect(notice).toEqual({ visible: [], review: null })
    expect(await getProtectionDays()).toBe(90)
    const approved = await decideRegistration(vendor.member, registration.id, { decision: 'approve' })
    expect(approved.status).toBe('approved')
    const days = Math.round((approved.protectedUntil!.getTime() - approved.decidedAt!.getTime()) / 86_400_000)
    expect(days).toBe(90)
    const [opp] = await db.select().from(opportunities).where(eq(opportunities.id, approved.opportunityId!))
    expect(opp).toMatchObject({ orgId: vendor.org.id, sourcedByOrgId: alpha.org.id, amount: 12_000_000, accountDomain: d, isCosell: false })
    await refusal(decideRegistration(vendor.member, registration.id, { decision: 'reject', reason: 'again' }))
    const audits = await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.subjectId, registration.id))
    expect(audits.map((a) => a.action)).toEqual(['registration.submitted', 'registration.approved'])
    expect(audits[1]!.actorId).toBe(vendor.member.userId)
    await deliverPendingNotifications()
    const toAdmins = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.link, `/registrations/${registration.id}`), eq(notifications.userId, alpha.admin.userId)))
    expect(toAdmins.map((x) => x.title)).toEqual([expect.stringMatching(/approved/)])
  })

  it('rejecting needs a reason; the partner reads it', async () => {
    const { registration } = await submitRegistration(alpha.admin, input(domain()))
    const e = await refusal(decideRegistration(vendor.admin, registration.id, { decision: 'reject', reason: '' }))
    expect(e.code).toBe('invalid')
    await decideRegistration(vendor.admin, registration.id, { decision: 'reject', reason: 'Already sold direct.' })
    const view = await getRegistration(alpha.member, registration.id)
    expect(view.registration).toMatchObject({ status: 'rejected', decisionReason: 'Already sold direct.' })
    expect(view.can).toEqual({ decide: false, extend: false, revoke: false })
  })

  it('the protection period is a vendor setting, validated, and used by the next approval', async () => {
    const e = await refusal(updateVendorSettings(vendor.admin, { ...(await formOf()), registrationProtectionDays: '3' }))
    expect(e.fieldErrors?.registrationProtectionDays?.[0]).toMatch(/at least 7 days/)
    await updateVendorSettings(vendor.admin, { ...(await formOf()), registrationProtectionDays: '30' })
    expect((await getVendorSettings(vendor.member)).registrationProtectionDays).toBe(30)
    const { registration } = await submitRegistration(beta.admin, input(domain()))
    const approved = await decideRegistration(vendor.admin, registration.id, { decision: 'approve' })
    expect(Math.round((approved.protectedUntil!.getTime() - approved.decidedAt!.getTime()) / 86_400_000)).toBe(30)
    await updateVendorSettings(vendor.admin, { ...(await formOf()), registrationProtectionDays: '90' })
  })
})

async function formOf() {
  const s = await getVendorSettings(vendor.admin)
  return {
    remindAfterHours: String(s.remindAfterHours),
    expireAfterHours: String(s.expireAfterHours),
    feeType: s.feeType,
    feePercent: s.feePercent,
    feeFixed: s.feeFixed,
    feeCap: s.feeCap,
    onboardingSteps: s.onboardingSteps,
  }
}

describe('expiry, extension and reminders', () => {
  it('reminds 14 and 3 days before the end, once each however often the job runs; extends with a reason; expires', async () => {
    const { registration } = await submitRegistration(gamma.admin, input(domain()))
    await decideRegistration(vendor.admin, registration.id, { decision: 'approve' })
    const until = (await db.select().from(dealRegistrations).where(eq(dealRegistrations.id, registration.id)))[0]!.protectedUntil!
    const at = (daysBefore: number) => new Date(until.getTime() - daysBefore * 86_400_000)
    const reminders = async () =>
      (
        await db
          .select()
          .from(domainEvents)
          .where(and(eq(domainEvents.subjectId, registration.id), eq(domainEvents.type, 'registration.expiry_reminder')))
      ).map((e) => (e.payload as { daysLeft: number }).daysLeft)
    await runRegistrationMaintenance(at(20))
    expect(await reminders()).toEqual([])
    await runRegistrationMaintenance(at(13.5))
    await runRegistrationMaintenance(at(13))
    await runRegistrationMaintenance(at(10))
    expect(await reminders()).toEqual([14])
    await runRegistrationMaintenance(at(2.5))
    await runRegistrationMaintenance(at(1))
    expect(await reminders()).toEqual([14, 3])

    // Extending needs the vendor and a reason; reminders start over for the new end.
    await refusal(extendRegistration(gamma.admin, registration.id, { days: 30, reason: 'please' }))
    expect((await refusal(extendRegistration(vendor.admin, registration.id, { days: 30, reason: '' }))).code).toBe('invalid')
    const extended = await extendRegistration(vendor.admin, registration.id, { days: 30, reason: 'Procurement slipped a month.' })
    expect(extended.protectedUntil!.getTime()).toBe(until.getTime() + 30 * 86_400_000)
    expect(extended.extensions).toBe(1)

    const end = extended.protectedUntil!
    await runRegistrationMaintenance(new Date(end.getTime() + 1000))
    await runRegistrationMaintenance(new Date(end.getTime() + 2000))
    const [row] = await db.select().from(dealRegistrations).where(eq(dealRegistrations.id, registration.id))
    expect(row!.status).toBe('expired')
    const expired = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, registration.id), eq(domainEvents.type, 'registration.expired')))
    expect(expired).toHaveLength(1)
    await refusal(extendRegistration(vendor.admin, registration.id, { days: 10, reason: 'Too late now' }))
    await deliverPendingNotifications()
    const notes = await db
      .select({ title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.link, `/registrations/${registration.id}`), eq(notifications.userId, gamma.admin.userId)))
    expect(notes.filter((x) => /expires in/.test(x.title))).toHaveLength(2)
    expect(notes.filter((x) => /expired/.test(x.title))).toHaveLength(1)
    // Members are not reminded: the plans address the partner's admins.
    const memberNotes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.link, `/registrations/${registration.id}`), eq(notifications.userId, gamma.member.userId)))
    expect(memberNotes).toEqual([])
  })
})

describe('one conflict check for every deal', () => {
  it('a registration conflicts with another partner’s open referral, open co-sell, active registration and the vendor’s opportunity; the partner reads only the neutral message', async () => {
    const cases: [string, (d: string) => Promise<unknown>, string][] = [
      ['referral', (d) => submitReferral(alpha.admin, { toOrg: beta.org.slug, accountName: 'Globex', accountDomain: d, need: 'Needs a migration.', feeType: 'none' }), 'referral'],
      ['cosell', (d) => openCosell(alpha.admin, { accountName: 'Globex', accountDomain: d, stage: 'qualified' }), 'cosell'],
      ['registration', (d) => submitRegistration(alpha.admin, input(d)), 'registration'],
      [
        'vendor opportunity',
        (d) => db.insert(opportunities).values({ orgId: vendor.org.id, accountName: 'Hidden deal', accountDomain: d, amount: 100, stage: 'business_validation' }),
        'vendor_opportunity',
      ],
    ]
    for (const [label, existing, kind] of cases) {
      const d = domain()
      const clean = await submitRegistration(gamma.admin, input(domain()))
      await existing(d)
      const { registration, notice } = await submitRegistration(gamma.admin, input(d))
      expect(notice, label).toEqual({ visible: [], review: NEUTRAL_CONFLICT_MESSAGE })
      const [c] = await db
        .select()
        .from(dealConflicts)
        .where(and(eq(dealConflicts.dealKind, 'registration'), eq(dealConflicts.dealId, registration.id)))
      expect(
        c?.matches.map((m) => m.kind),
        label,
      ).toEqual([kind])
      // What the partner can read of it names nobody: byte for byte the neutral message, on any conflict.
      const view = await getRegistration(gamma.member, registration.id)
      expect(view.conflict, label).toEqual({ visible: [], review: NEUTRAL_CONFLICT_MESSAGE, status: 'open', resolution: null })
      expect(JSON.stringify(view), label).not.toMatch(/Alpha|Beta|Hidden deal|business validation|referral of|co-sell of/)
      expect((await getRegistration(gamma.member, clean.registration.id)).conflict, label).toBeNull()
      // The events that reach the partner say nothing of it either.
      const events = await db.select().from(domainEvents).where(eq(domainEvents.subjectId, registration.id))
      expect(JSON.stringify(events.filter((e) => e.audience.orgs?.includes(gamma.org.id)))).not.toMatch(/Alpha|Beta|Hidden/)
    }
  })

  it('matches by name when there is no domain, and shows a partner its own deals in full without flagging them', async () => {
    const name = `Initrode ${++n} Holdings`
    await submitRegistration(alpha.admin, input('', { accountName: name, accountDomain: undefined }))
    const mine = await submitRegistration(alpha.member, input('', { accountName: `${name.toUpperCase()}.`, accountDomain: undefined }))
    expect(mine.notice.review).toBeNull()
    expect(mine.notice.visible).toEqual([expect.stringMatching(/registration of .* by Alpha Integrators/)])
    expect(await db.select().from(dealConflicts).where(eq(dealConflicts.dealId, mine.registration.id))).toEqual([])
    const theirs = await submitRegistration(beta.admin, input('', { accountName: name, accountDomain: undefined }))
    expect(theirs.notice).toEqual({ visible: [], review: NEUTRAL_CONFLICT_MESSAGE })
  })

  it('a referral to a different partner and a co-sell are flagged too (it used to say nothing), with the same neutral message on the sender’s referral page', async () => {
    const d = domain()
    await submitReferral(alpha.admin, { toOrg: beta.org.slug, accountName: 'Globex', accountDomain: d, need: 'Needs a migration.', feeType: 'none' })
    const sent = await submitReferral(gamma.admin, { toOrg: extra!.org.slug, accountName: 'Globex', accountDomain: d, need: 'Also needs it.', feeType: 'none' })
    const view = await getReferral(gamma.member, sent.id)
    expect(view.conflictReview).toBe(NEUTRAL_CONFLICT_MESSAGE)
    expect(view.referral.conflicts).toEqual([])
    const [stored] = await db.select().from(referrals).where(eq(referrals.id, sent.id))
    expect(stored!.conflicts.map((c) => c.kind)).toEqual(['open_referral'])
    const co = await openCosell(gamma.admin, { accountName: 'Globex', accountDomain: d, stage: 'prospect' })
    const queue = await listDealConflicts(vendor.member)
    const mine = queue.rows.filter((r) => r.dealId === sent.id || r.dealId === co.id)
    expect(mine.map((r) => r.dealKind).sort()).toEqual(['cosell', 'referral'])
    expect(
      mine
        .find((r) => r.dealKind === 'cosell')!
        .matches.map((m) => m.kind)
        .sort(),
    ).toEqual(['referral', 'referral'])
  })
})

let extra: P | undefined
beforeAll(async () => {
  extra = await createPartner({ name: 'Delta Services' })
})

describe('the vendor’s conflict queue', () => {
  it('shows the flagged deal beside what it matches in full; resolutions are vendor-only, need a reason, close the right side, are audited and notify without names', async () => {
    const d = domain()
    const first = await submitRegistration(alpha.admin, input(d))
    await decideRegistration(vendor.admin, first.registration.id, { decision: 'approve' })
    const second = await submitRegistration(beta.admin, input(d))
    const queue = await listDealConflicts(vendor.admin)
    const row = queue.rows.find((r) => r.dealId === second.registration.id)!
    expect(row.deal).toMatchObject({ orgName: 'Beta Cloud', state: 'pending' })
    expect(row.matches[0]!.explanation).toMatch(/Approved deal registration of Globex Corporation by Alpha Integrators, protected until/)

    await refusal(listDealConflicts(beta.admin))
    expect((await refusal(resolveDealConflict(beta.admin, row.id, { resolution: 'reject', note: 'mine' }))).code).toBe('forbidden')
    expect((await refusal(resolveDealConflict(vendor.admin, row.id, { resolution: 'reject', note: '' }))).code).toBe('invalid')
    expect((await refusal(resolveDealConflict(vendor.admin, row.id, { resolution: 'merge', note: 'merge it' }))).fieldErrors?.keep?.[0]).toMatch(/merge/)
    expect((await refusal(resolveDealConflict(vendor.admin, row.id, { resolution: 'assign', keep: 'registration:nope', note: 'assign it' }))).fieldErrors?.keep).toBeTruthy()

    // Assign to the new deal: the earlier registration is closed, the new one stays pending.
    const result = await resolveDealConflict(vendor.member, row.id, { resolution: 'assign', keep: 'flagged', note: 'Beta owns the relationship with Globex.' })
    expect(result.closed).toEqual([`registration:${first.registration.id}`])
    const [a, b] = await Promise.all([getRegistration(alpha.admin, first.registration.id), getRegistration(beta.admin, second.registration.id)])
    expect(a.registration.status).toBe('rejected')
    expect(a.registration.decisionReason).toMatch(/Assigned to one side: Beta owns/)
    expect(b.registration.status).toBe('pending')
    expect((await refusal(resolveDealConflict(vendor.member, row.id, { resolution: 'allow_both', note: 'again' }))).code).toBe('conflict')

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, row.id), eq(auditLog.action, 'deal_conflict.resolved')))
    expect(audit).toMatchObject({ actorId: vendor.member.userId, details: expect.objectContaining({ resolution: 'assign', note: 'Beta owns the relationship with Globex.' }) })
    await deliverPendingNotifications()
    const notes = await db
      .select({ userId: notifications.userId, title: notifications.title, link: notifications.link })
      .from(notifications)
      .where(inArray(notifications.userId, [alpha.admin.userId, beta.admin.userId]))
    const toBeta = notes.filter((x) => x.userId === beta.admin.userId && x.link === `/registrations/${second.registration.id}`)
    const toAlpha = notes.filter((x) => x.userId === alpha.admin.userId && x.link === `/registrations/${first.registration.id}`)
    expect(toBeta.map((x) => x.title)).toContainEqual(expect.stringMatching(/reviewed your deal registration of Globex Corporation: assigned to one side/))
    expect(toAlpha.map((x) => x.title)).toContainEqual(expect.stringMatching(/closed your deal registration of Globex Corporation/))
    expect(JSON.stringify([...toBeta, ...toAlpha])).not.toMatch(/Alpha|Beta Cloud/)
  })

  it('reject closes the flagged deal; allow both closes nothing; a referral’s flag is cleared with it', async () => {
    const d = domain()
    await submitRegistration(alpha.admin, input(d))
    const ref = await submitReferral(gamma.admin, { toOrg: beta.org.slug, accountName: 'Globex', accountDomain: d, need: 'Needs a migration.', feeType: 'none' })
    const reg = await submitRegistration(beta.admin, input(d))
    const queue = await listDealConflicts(vendor.admin)
    const refRow = queue.rows.find((r) => r.dealId === ref.id)!
    const regRow = queue.rows.find((r) => r.dealId === reg.registration.id)!
    await resolveDealConflict(vendor.admin, refRow.id, { resolution: 'allow_both', note: 'Different business units.' })
    const [storedRef] = await db.select().from(referrals).where(eq(referrals.id, ref.id))
    expect(storedRef).toMatchObject({ status: 'submitted', conflictStatus: 'resolved' })
    await resolveDealConflict(vendor.admin, regRow.id, { resolution: 'reject', note: 'Duplicate of an earlier registration.' })
    expect((await getRegistration(beta.admin, reg.registration.id)).registration.status).toBe('rejected')
    expect((await listDealConflicts(vendor.admin, { status: 'resolved' })).rows.map((r) => r.id)).toEqual(expect.arrayContaining([refRow.id, regRow.id]))
  })
})

describe('lists', () => {
  it('a partner lists its own registrations only, filtered by status; the vendor lists everyone’s', async () => {
    const own = await listRegistrations(alpha.member, { status: 'all' })
    expect(own.rows.length).toBeGreaterThan(0)
    expect(new Set(own.rows.map((r) => r.orgId))).toEqual(new Set([alpha.org.id]))
    const pending = await listRegistrations(vendor.member, { status: 'pending' })
    expect(pending.rows.every((r) => r.status === 'pending')).toBe(true)
    expect(new Set(pending.rows.map((r) => r.orgId)).size).toBeGreaterThan(1)
  })
})
