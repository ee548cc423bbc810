import { eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { auditLog, domainEvents, opportunities, organizations, referralFees, referrals, referralTimeline, endorsements as endorsementsTable } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { referralInput } from '#tests/factories/referrals.ts'
import { DomainError } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { acceptReferral, declineReferral, loseReferral, previewReferral, runReferralMaintenance, startReferral, submitReferral, winReferral } from '#app/features/referrals/lifecycle.server.ts'
import { confirmFeePaid, listLedger, markFeePaid } from '#app/features/referrals/fees.server.ts'
import { endorsementSummary, endorseReferral } from '#app/features/referrals/endorsements.server.ts'
import { getReferral, listReferrals } from '#app/features/referrals/queries.server.ts'
import { listFlaggedReferrals, resolveConflict } from '#app/features/referrals/conflicts.server.ts'
import { updateProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { computeFee, ListQuerySchema } from '#app/features/referrals/schemas.ts'

type P = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let nw: P
let bp: P
let other: P
let applicant: P

async function expectDomainError(p: Promise<unknown>, code: DomainError['code'], message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a DomainError').toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  if (message) expect((error as DomainError).message).toMatch(message)
  return error as DomainError
}

/** The referral form, all to the one customer (globex.com) so that conflicts and overlaps show. */
const input = (toOrg: string, extra: Record<string, unknown> = {}) => referralInput(toOrg, { accountDomain: 'https://www.Globex.com/about', ...extra })

async function counts() {
  const [r] = await queryRows<{ refs: number; events: number; fees: number; timeline: number; endorsements: number }>(
    db,
    sql`select (select count(*)::int from referrals) as refs, (select count(*)::int from domain_events) as events,
               (select count(*)::int from referral_fees) as fees, (select count(*)::int from referral_timeline) as timeline,
               (select count(*)::int from endorsements) as endorsements`,
  )
  return r!
}

beforeAll(async () => {
  vendor = await createVendor()
  nw = await createPartner({ name: 'Northwind Systems' })
  bp = await createPartner({ name: 'Bluepeak Cloud', partnerType: 'technology', tier: 'platinum' })
  other = await createPartner({ name: 'Outsider Ltd' })
  applicant = await createPartner({ name: 'Applicant Inc', status: 'applicant' })
})

async function newReferral(from: Actor = nw.admin, to = bp.org.slug, extra: Record<string, unknown> = {}) {
  return submitReferral(from, input(to, { accountDomain: `${Math.random().toString(36).slice(2, 10)}.example.com`, ...extra }))
}

describe('domain normalization', () => {
  it('lower-cases, strips scheme, www., path and port, and punycodes', () => {
    expect(normalizeDomain('https://www.Globex.com/about?x=1')).toBe('globex.com')
    expect(normalizeDomain('WWW.bücher.de:8080')).toBe('xn--bcher-kva.de')
    expect(normalizeDomain('not a domain')).toBeNull()
    expect(normalizeDomain('localhost')).toBeNull()
  })
})

describe('fee computation', () => {
  it('computes percent, fixed and caps in minor units', () => {
    expect(computeFee({ feeType: 'percent', feePercentBps: 1000, feeFixedAmount: null, feeCapAmount: null }, 1_234_567).amount).toBe(123_457)
    expect(computeFee({ feeType: 'percent', feePercentBps: 1000, feeFixedAmount: null, feeCapAmount: 50_000 }, 1_234_567).amount).toBe(50_000)
    expect(computeFee({ feeType: 'fixed', feePercentBps: null, feeFixedAmount: 250_000, feeCapAmount: null }, 1).amount).toBe(250_000)
    expect(computeFee({ feeType: 'none', feePercentBps: null, feeFixedAmount: null, feeCapAmount: null }, 1).amount).toBe(0)
  })
})

describe('referral lifecycle', () => {
  it('runs submitted → accepted → in_progress → won with fee, ledger, payment and confirmation', async () => {
    const preview = await previewReferral(nw.admin, input(bp.org.slug))
    expect(preview.data.accountDomain).toBe('globex.com')
    expect(preview.conflicts).toEqual([])
    const r = await submitReferral(nw.admin, input(bp.org.slug))
    expect(r.status).toBe('submitted')
    expect(r.accountDomain).toBe('globex.com')
    expect(r.estimatedValue).toBe(12_000_000)
    expect(r.feePercentBps).toBe(1000)

    // Fee terms must be accepted with the referral.
    await expectDomainError(acceptReferral(bp.member, r.id), 'invalid', /fee terms/)
    await acceptReferral(bp.member, r.id, { acceptTerms: 'on' })
    await expectDomainError(acceptReferral(bp.member, r.id, { acceptTerms: true }), 'conflict', /already accepted/)
    await startReferral(bp.member, r.id)
    const won = await winReferral(bp.admin, r.id, { wonAmount: '150,000.00' })
    expect(won.status).toBe('won')
    expect(won.wonAmount).toBe(15_000_000)
    expect(won.closedAt).toBeInstanceOf(Date)

    const [fee] = await db.select().from(referralFees).where(eq(referralFees.referralId, r.id))
    expect(fee).toMatchObject({ amount: 1_500_000, payerOrgId: bp.org.id, payeeOrgId: nw.org.id, status: 'owed' })

    const bpLedger = await listLedger(bp.admin)
    expect(bpLedger.rows.find((x) => x.id === fee!.id)?.direction).toBe('owes')
    expect(bpLedger.totals.owes).toBeGreaterThanOrEqual(1_500_000)
    const nwLedger = await listLedger(nw.admin)
    expect(nwLedger.rows.find((x) => x.id === fee!.id)?.direction).toBe('owed')
    expect((await listLedger(other.admin)).rows.find((x) => x.id === fee!.id)).toBeUndefined()

    // Only the payer's admin marks paid; only the payee's admin confirms.
    await expectDomainError(markFeePaid(nw.admin, fee!.id), 'forbidden', /owes the fee/)
    await expectDomainError(markFeePaid(bp.member, fee!.id), 'forbidden', /admin/)
    await expectDomainError(markFeePaid(other.admin, fee!.id), 'not_found')
    await expectDomainError(confirmFeePaid(nw.admin, fee!.id), 'conflict', /not been marked paid/)
    await markFeePaid(bp.admin, fee!.id, { reference: 'INV-42' })
    await expectDomainError(markFeePaid(bp.admin, fee!.id), 'conflict', /already marked paid/)
    await expectDomainError(confirmFeePaid(bp.admin, fee!.id), 'forbidden')
    await expectDomainError(confirmFeePaid(nw.member, fee!.id), 'forbidden', /admin/)
    await confirmFeePaid(nw.admin, fee!.id)
    const [after] = await db.select().from(referralFees).where(eq(referralFees.id, fee!.id))
    expect(after!.status).toBe('confirmed')

    const detail = await getReferral(nw.member, r.id)
    expect(detail.timeline.map((t) => t.toStatus).filter(Boolean)).toEqual(['submitted', 'accepted', 'in_progress', 'won'])
    const events = await db.select({ type: domainEvents.type }).from(domainEvents).where(eq(domainEvents.subjectId, r.id))
    expect(events.map((e) => e.type)).toEqual(['referral.submitted', 'referral.accepted', 'referral.in_progress', 'referral.won', 'fee.paid', 'fee.confirmed'])
    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, r.id))
    expect(audits).toHaveLength(6)
  })

  it('declines with a reason and loses with a reason; invalid transitions are refused and write nothing', async () => {
    const a = await newReferral()
    await expectDomainError(declineReferral(bp.admin, a.id, { reason: '' }), 'invalid', /reason/)
    await declineReferral(bp.admin, a.id, { reason: 'Not our region' })
    const before = await counts()
    await expectDomainError(winReferral(bp.admin, a.id, { wonAmount: '100' }), 'conflict', /declined cannot be marked won/)
    await expectDomainError(acceptReferral(bp.admin, a.id, { acceptTerms: true }), 'conflict')
    await expectDomainError(startReferral(bp.admin, a.id), 'conflict')
    expect(await counts()).toEqual(before)

    const b = await newReferral()
    await acceptReferral(bp.admin, b.id, { acceptTerms: true })
    await expectDomainError(winReferral(bp.admin, b.id, { wonAmount: '100' }), 'conflict', /accepted cannot be marked won/)
    await startReferral(bp.admin, b.id)
    await expectDomainError(loseReferral(bp.admin, b.id, {}), 'invalid')
    const lost = await loseReferral(bp.admin, b.id, { reason: 'Went with a competitor' })
    expect(lost.status).toBe('lost')
    expect(lost.lostReason).toBe('Went with a competitor')
    expect(lost.closedAt).toBeInstanceOf(Date)
  })

  it('refuses negative and absurd amounts and bad fee terms with clear messages, writing nothing', async () => {
    const before = await counts()
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { estimatedValue: '-5' })), 'invalid', /cannot be negative/)
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { estimatedValue: '999999999999999' })), 'invalid', /too large/)
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { estimatedValue: 'lots' })), 'invalid', /must be a number/)
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { feePercent: '80' })), 'invalid', /at most 50%/)
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { feePercent: '-1' })), 'invalid')
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { feeType: 'fixed', feeFixed: '' })), 'invalid', /fixed fee/)
    await expectDomainError(submitReferral(nw.admin, input(bp.org.slug, { accountDomain: 'not a domain' })), 'invalid', /web domain/)
    await expectDomainError(submitReferral(nw.admin, input(nw.org.slug)), 'invalid', /own organization/)
    await expectDomainError(submitReferral(nw.admin, input(applicant.org.slug)), 'invalid', /active partner/)
    await expectDomainError(submitReferral(nw.admin, input('no-such-partner')), 'invalid', /active partner/)
    expect(await counts()).toEqual(before)

    const r = await newReferral()
    await acceptReferral(bp.admin, r.id, { acceptTerms: true })
    await startReferral(bp.admin, r.id)
    await expectDomainError(winReferral(bp.admin, r.id, { wonAmount: '-100' }), 'invalid', /negative/)
    await expectDomainError(winReferral(bp.admin, r.id, { wonAmount: '1000000000000000' }), 'invalid', /too large/)
    // Read like every other amount in the product: no scientific or hexadecimal notation, no third decimal.
    for (const wonAmount of ['1e3', '0x10', '12.345']) await expectDomainError(winReferral(bp.admin, r.id, { wonAmount }), 'invalid', /must be a number, like 12500/)
    await expectDomainError(winReferral(bp.admin, r.id, { wonAmount: '0' }), 'invalid', /more than 0/)
    await expectDomainError(winReferral(bp.admin, r.id, {}), 'invalid', /required/)
    const [still] = await db.select().from(referrals).where(eq(referrals.id, r.id))
    expect(still!.status).toBe('in_progress')
    expect(await db.select().from(referralFees).where(eq(referralFees.referralId, r.id))).toHaveLength(0)
  })
})

describe('conflicts', () => {
  it('asks the sender to confirm its own open referral; another partner’s referral and the vendor’s pipeline only flag it; the vendor resolves', async () => {
    await db.insert(opportunities).values({ orgId: vendor.org.id, accountName: 'Initech', accountDomain: 'initech.com', amount: 100, stage: 'qualified' })
    // The vendor's opportunity is hidden from the sender: nothing to acknowledge, the referral is flagged.
    const first = await submitReferral(nw.admin, input(bp.org.slug, { accountName: 'Initech', accountDomain: 'initech.com' }))
    expect(first.conflicts).toEqual([])
    const [stored] = await db.select().from(referrals).where(eq(referrals.id, first.id))
    expect(stored!.conflicts.map((c) => c.kind)).toEqual(['vendor_opportunity'])
    expect(stored!.conflictStatus).toBe('flagged')

    // Its own open referral is something the sender knows: it must confirm it.
    const again = await previewReferral(nw.member, input(bp.org.slug, { accountName: 'Initech', accountDomain: 'WWW.INITECH.COM' }))
    expect(again.conflicts.map((c) => c.kind)).toEqual(['own_open_referral'])
    expect(again.conflicts[0]!.explanation).toMatch(/Your organization already sent .* an open referral for initech\.com/)
    const before = await counts()
    const refused = await expectDomainError(submitReferral(nw.member, input(bp.org.slug, { accountDomain: 'initech.com' })), 'conflict', /open referral/)
    expect(refused.fieldErrors?.conflicts).toHaveLength(1)
    expect(await counts()).toEqual(before)

    // Another partner's open referral is not the sender's business.
    const preview = await previewReferral(other.admin, input(bp.org.slug, { accountName: 'Initech', accountDomain: 'WWW.INITECH.COM' }))
    expect(preview.conflicts).toEqual([])
    const second = await submitReferral(other.admin, input(bp.org.slug, { accountDomain: 'initech.com' }))
    const [secondStored] = await db.select().from(referrals).where(eq(referrals.id, second.id))
    expect(secondStored!.conflicts.map((c) => c.kind)).toEqual(['open_referral', 'vendor_opportunity'])

    await expectDomainError(listFlaggedReferrals(nw.admin), 'forbidden')
    const queue = await listFlaggedReferrals(vendor.member)
    expect(queue.rows.map((r) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]))
    await expectDomainError(resolveConflict(bp.admin, second.id, { note: 'fine' }), 'forbidden')
    await expectDomainError(resolveConflict(vendor.member, second.id, { note: '' }), 'invalid')
    await resolveConflict(vendor.member, second.id, { note: 'Outsider owns the relationship' })
    await expectDomainError(resolveConflict(vendor.member, second.id, { note: 'again' }), 'conflict')
    expect((await listFlaggedReferrals(vendor.member, { status: 'resolved' })).rows.map((r) => r.id)).toContain(second.id)
    // The resolution of a conflict the sender never saw reaches the receiver and the vendor only.
    const [resolved] = await db
      .select()
      .from(domainEvents)
      .where(sql`${domainEvents.subjectId} = ${second.id} and ${domainEvents.type} = 'referral.conflict_resolved'`)
    expect(resolved!.audience).toEqual({ orgs: [bp.org.id], vendor: true })
  })
})

describe('permissions across orgs and roles', () => {
  it('only the parties (and the vendor team, read-only) can see a referral; only the receiver acts on it', async () => {
    const r = await newReferral()
    for (const who of [nw.admin, nw.member, bp.admin, bp.member, vendor.admin, vendor.member]) {
      expect((await getReferral(who, r.id)).referral.id).toBe(r.id)
    }
    await expectDomainError(getReferral(other.admin, r.id), 'not_found')
    await expectDomainError(getReferral(other.member, r.id), 'not_found')
    await expectDomainError(getReferral(nw.admin, 'does-not-exist'), 'not_found')

    const before = await counts()
    await expectDomainError(acceptReferral(other.admin, r.id, { acceptTerms: true }), 'not_found')
    await expectDomainError(declineReferral(other.admin, r.id, { reason: 'nope nope' }), 'not_found')
    await expectDomainError(acceptReferral(nw.admin, r.id, { acceptTerms: true }), 'forbidden', /receiving/)
    await expectDomainError(declineReferral(nw.member, r.id, { reason: 'nope nope' }), 'forbidden')
    await expectDomainError(acceptReferral(vendor.admin, r.id, { acceptTerms: true }), 'forbidden')
    await expectDomainError(endorseReferral(other.admin, r.id, { rating: 5 }), 'not_found')
    expect(await counts()).toEqual(before)

    await acceptReferral(bp.member, r.id, { acceptTerms: true })
    await expectDomainError(startReferral(nw.admin, r.id), 'forbidden')
    await expectDomainError(startReferral(other.admin, r.id), 'not_found')
    await startReferral(bp.member, r.id)
    await expectDomainError(winReferral(nw.admin, r.id, { wonAmount: '10' }), 'forbidden')
    await expectDomainError(loseReferral(other.admin, r.id, { reason: 'whatever' }), 'not_found')
  })

  it('lists inbox and outbox per org with status counts; other orgs never see them', async () => {
    const inbox = await listReferrals(bp.admin, ListQuerySchema.parse({ box: 'inbox' }))
    expect(inbox.rows.length).toBeGreaterThan(0)
    expect(inbox.rows.every((r) => r.toOrgId === bp.org.id)).toBe(true)
    expect(inbox.total).toBe(Object.values(inbox.counts).reduce((a, b) => a + b, 0))
    const outbox = await listReferrals(nw.member, ListQuerySchema.parse({ box: 'outbox', status: 'won' }))
    expect(outbox.rows.every((r) => r.fromOrgId === nw.org.id && r.status === 'won')).toBe(true)
    // A partner asking for "all" gets its own inbox, never everyone's.
    const sneaky = await listReferrals(other.admin, ListQuerySchema.parse({ box: 'all' }))
    expect(sneaky.rows.every((r) => r.toOrgId === other.org.id)).toBe(true)
    const all = await listReferrals(vendor.member, ListQuerySchema.parse({ box: 'all' }))
    expect(all.total).toBeGreaterThanOrEqual(inbox.total)
    expect(all.rows.some((r) => r.fromOrgId === other.org.id)).toBe(true)
    await expectDomainError(listReferrals(applicant.admin, ListQuerySchema.parse({})), 'forbidden')
    await expectDomainError(submitReferral(applicant.admin, input(bp.org.slug)), 'forbidden')
  })

  it('only program admins change the program settings', async () => {
    const settings = { remindAfterHours: '24', expireAfterHours: '72', feeType: 'percent', feePercent: '12.5' }
    await expectDomainError(updateProgramSettings(nw.admin, settings), 'forbidden')
    await expectDomainError(updateProgramSettings(vendor.member, settings), 'forbidden')
    await expectDomainError(updateProgramSettings(vendor.admin, { ...settings, expireAfterHours: '12' }), 'invalid', /after the reminder/)
    await updateProgramSettings(vendor.admin, settings)
  })
})

describe('a partner that may no longer act, after the referral was sent', () => {
  /** Sets the org's status and returns its people as they are loaded on their next request. */
  async function asStatus(p: P, status: 'suspended' | 'applicant' | 'active') {
    await db.update(organizations).set({ status }).where(eq(organizations.id, p.org.id))
    return { admin: (await loadActor(p.admin.userId))!, member: (await loadActor(p.member.userId))! }
  }

  /** A referral from `from` to `to` brought to `stage`, with its fee when won. */
  async function referralAt(from: P, to: P, stage: 'submitted' | 'accepted' | 'in_progress' | 'won' | 'paid') {
    const r = await newReferral(from.admin, to.org.slug)
    if (stage === 'submitted') return { r, feeId: null }
    await acceptReferral(to.admin, r.id, { acceptTerms: true })
    if (stage === 'accepted') return { r, feeId: null }
    await startReferral(to.admin, r.id)
    if (stage === 'in_progress') return { r, feeId: null }
    await winReferral(to.admin, r.id, { wonAmount: '10,000' })
    const [fee] = await db.select().from(referralFees).where(eq(referralFees.referralId, r.id))
    if (stage === 'won') return { r, feeId: fee!.id }
    await markFeePaid(to.admin, fee!.id)
    return { r, feeId: fee!.id }
  }

  for (const status of ['suspended', 'applicant'] as const) {
    it(`${status === 'applicant' ? 'an' : 'a'} ${status} partner is refused every referral transition and fee step, and nothing is written`, async () => {
      const sender = await createPartner({ name: `Sender ${status}` })
      const receiver = await createPartner({ name: `Receiver ${status}` })
      const submitted = await referralAt(sender, receiver, 'submitted')
      const submitted2 = await referralAt(sender, receiver, 'submitted')
      const accepted = await referralAt(sender, receiver, 'accepted')
      const inProgress = await referralAt(sender, receiver, 'in_progress')
      const inProgress2 = await referralAt(sender, receiver, 'in_progress')
      const won = await referralAt(sender, receiver, 'won')
      const paid = await referralAt(sender, receiver, 'paid')

      const rx = await asStatus(receiver, status)
      const before = await counts()
      const expectRefused = (p: Promise<unknown>, what: string) =>
        expectDomainError(p, 'forbidden', status === 'suspended' ? /is suspended by the vendor's partner team/ : /must be approved/).catch((e: unknown) => {
          throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`)
        })
      await expectRefused(acceptReferral(rx.admin, submitted.r.id, { acceptTerms: true }), 'accept')
      await expectRefused(declineReferral(rx.member, submitted2.r.id, { reason: 'Not our region' }), 'decline')
      await expectRefused(startReferral(rx.admin, accepted.r.id), 'start')
      await expectRefused(winReferral(rx.admin, inProgress.r.id, { wonAmount: '5,000' }), 'win')
      await expectRefused(loseReferral(rx.member, inProgress2.r.id, { reason: 'Went elsewhere' }), 'lose')
      await expectRefused(markFeePaid(rx.admin, won.feeId!), 'mark fee paid')
      // The payee confirms: make the sender the one that may not act.
      await asStatus(receiver, 'active')
      const tx = await asStatus(sender, status)
      await expectRefused(confirmFeePaid(tx.admin, paid.feeId!), 'confirm fee')
      expect(await counts()).toEqual(before)
      const rows = await db
        .select({ id: referrals.id, status: referrals.status })
        .from(referrals)
        .where(inArray(referrals.id, [submitted.r.id, submitted2.r.id, accepted.r.id, inProgress.r.id, inProgress2.r.id]))
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
        [submitted.r.id]: 'submitted',
        [submitted2.r.id]: 'submitted',
        [accepted.r.id]: 'accepted',
        [inProgress.r.id]: 'in_progress',
        [inProgress2.r.id]: 'in_progress',
      })
      const fees = await db
        .select({ id: referralFees.id, status: referralFees.status })
        .from(referralFees)
        .where(inArray(referralFees.id, [won.feeId!, paid.feeId!]))
      expect(Object.fromEntries(fees.map((f) => [f.id, f.status]))).toEqual({ [won.feeId!]: 'owed', [paid.feeId!]: 'paid' })

      // Allowed again once active: the refusals above came from the status alone.
      await asStatus(sender, 'active')
      const ok = await asStatus(receiver, 'active')
      await acceptReferral(ok.admin, submitted.r.id, { acceptTerms: true })
    })
  }
})

describe('reminders and expiry', () => {
  it('reminds once, then expires as declined "expired"; concurrent runs claim each row once', async () => {
    const r = await newReferral()
    await db
      .update(referrals)
      .set({ createdAt: new Date(Date.now() - 30 * 3600_000) })
      .where(eq(referrals.id, r.id))
    const [a, b] = await Promise.all([runReferralMaintenance(), runReferralMaintenance()])
    const [row] = await db.select().from(referrals).where(eq(referrals.id, r.id))
    expect(row!.remindedAt).toBeInstanceOf(Date)
    expect(row!.status).toBe('submitted')
    expect(a.reminded + b.reminded).toBeGreaterThanOrEqual(1)
    const reminders = await db
      .select()
      .from(domainEvents)
      .where(sql`${domainEvents.subjectId} = ${r.id} and ${domainEvents.type} = 'referral.reminder'`)
    expect(reminders).toHaveLength(1)

    await db
      .update(referrals)
      .set({ createdAt: new Date(Date.now() - 80 * 3600_000) })
      .where(eq(referrals.id, r.id))
    await Promise.all([runReferralMaintenance(), runReferralMaintenance()])
    const [expired] = await db.select().from(referrals).where(eq(referrals.id, r.id))
    expect(expired).toMatchObject({ status: 'declined', declineReason: 'expired' })
    const declines = await db
      .select()
      .from(domainEvents)
      .where(sql`${domainEvents.subjectId} = ${r.id} and ${domainEvents.type} = 'referral.declined'`)
    expect(declines).toHaveLength(1)
    const tl = await db.select().from(referralTimeline).where(eq(referralTimeline.referralId, r.id))
    expect(tl.map((t) => t.kind)).toEqual(expect.arrayContaining(['reminder', 'status']))
  })
})

describe('endorsements', () => {
  it('each side rates the other once after a won referral; not before; not outsiders; averages are public', async () => {
    const r = await newReferral()
    await expectDomainError(endorseReferral(nw.admin, r.id, { rating: 5 }), 'conflict', /won referrals only/)
    await acceptReferral(bp.admin, r.id, { acceptTerms: true })
    await startReferral(bp.admin, r.id)
    await winReferral(bp.admin, r.id, { wonAmount: '1000' })
    await expectDomainError(endorseReferral(nw.admin, r.id, { rating: 6 }), 'invalid', /1 to 5/)
    await expectDomainError(endorseReferral(nw.admin, r.id, { rating: 0 }), 'invalid')
    await expectDomainError(endorseReferral(other.admin, r.id, { rating: 5 }), 'not_found')
    await expectDomainError(endorseReferral(vendor.admin, r.id, { rating: 5 }), 'forbidden')
    const before = await endorsementSummary(bp.org.id)
    await endorseReferral(nw.member, r.id, { rating: 4, comment: 'Fast and thorough' })
    await expectDomainError(endorseReferral(nw.admin, r.id, { rating: 5 }), 'conflict', /already endorsed/)
    await endorseReferral(bp.admin, r.id, { rating: 5 })
    const after = await endorsementSummary(bp.org.id)
    expect(after.count).toBe(before.count + 1)
    const rows = await db.select().from(endorsementsTable).where(eq(endorsementsTable.referralId, r.id))
    expect(rows.map((e) => [e.fromOrgId, e.toOrgId, e.rating]).sort()).toEqual(
      [
        [nw.org.id, bp.org.id, 4],
        [bp.org.id, nw.org.id, 5],
      ].sort(),
    )
  })
})
