import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { accounts, auditLog, domainEvents, notifications, partnershipCommitments, partnershipPlans, partnershipPlanSignoffs, partnerships, partnershipStageChanges } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import {
  assessFit,
  createPartnership,
  designate,
  fitEvidence,
  getPartnership,
  listPartnerships,
  moveStage,
  partnershipBoard,
  updatePartnershipSettings,
} from '#app/features/partnerships/partnerships.server.ts'
import { addCommitment, getPlanView, planDiff, saveDraft, setCommitmentStatus, signPlan } from '#app/features/partnerships/plans.server.ts'
import { sendPartnershipReminders } from '#app/features/partnerships/reminders.server.ts'
import { getReview, recordReview, scheduleReview } from '#app/features/partnerships/reviews.server.ts'
import { refusal } from '#tests/support/refusal.ts'

type Partner = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: Partner
let beta: Partner
let gamma: Partner

const draftInput = (over: Record<string, unknown> = {}) => ({
  valueProposition: 'Together, Vendor and Alpha enable faster claims for regional insurers',
  segments: 'Insurance, Health',
  territories: 'EMEA',
  categories: 'Data',
  provisions: 'Alpha is the preferred implementation partner in EMEA insurance.',
  currency: 'EUR',
  activationWindowDays: '90',
  targets: [
    { quarter: '2027-Q1', pipeline: '500000', revenue: '100000' },
    { quarter: '2027-Q2', pipeline: '750000', revenue: '' },
  ],
  sponsorAName: 'Vera Vendor',
  sponsorATitle: 'CRO',
  sponsorBName: 'Alan Alpha',
  sponsorBTitle: 'CEO',
  ...over,
})

const scores = (n: number, over: Record<string, number> = {}) => ({ marketAccess: n, capability: n, commitment: n, alignment: n, evidenceMarketAccess: 'Shared insurers', ...over })

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: 'Alpha Systems' })
  beta = await createPartner({ name: 'Beta Works' })
  gamma = await createPartner({ name: 'Gamma Labs' })
})

describe('lifecycle', () => {
  it('the vendor’s team creates a partnership, moves it with a note (history, audit) and sees it on the board', async () => {
    const p = await createPartnership(vendor.member, { orgAId: vendor.org.id, orgBId: alpha.org.id, note: 'Met at the summit' })
    expect(p.stage).toBe('identification')
    const moved = await moveStage(vendor.admin, p.id, { toStage: 'agreement_onboarding', note: 'NDA signed' })
    expect(moved.stage).toBe('agreement_onboarding')
    const history = await db.select().from(partnershipStageChanges).where(eq(partnershipStageChanges.partnershipId, p.id))
    expect(history.map((h) => [h.fromStage, h.toStage, h.changedBy])).toEqual(
      expect.arrayContaining([
        [null, 'identification', vendor.member.userId],
        ['identification', 'agreement_onboarding', vendor.admin.userId],
      ]),
    )
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, p.id))
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['partnership.created', 'partnership.stage_changed']))
    const board = await partnershipBoard(vendor.member)
    expect(board.columns.find((c) => c.stage === 'agreement_onboarding')!.cards.map((c) => c.id)).toContain(p.id)
    expect((await refusal(moveStage(vendor.admin, p.id, { toStage: 'agreement_onboarding' }))).code).toBe('invalid')
    expect((await refusal(moveStage(vendor.admin, p.id, { toStage: 'nowhere' }))).code).toBe('invalid')
    // Both sides see it in their list; the pair cannot be created twice (either way round).
    expect((await listPartnerships(alpha.member)).rows.map((r) => r.id)).toEqual([p.id])
    expect((await refusal(createPartnership(vendor.admin, { orgAId: alpha.org.id, orgBId: vendor.org.id }))).code).toBe('invalid')
    expect((await refusal(createPartnership(vendor.admin, { orgAId: vendor.org.id, orgBId: alpha.org.id }))).code).toBe('conflict')
    expect((await refusal(createPartnership(vendor.admin, { orgAId: beta.org.id, orgBId: beta.org.id }))).fieldErrors).toHaveProperty('orgBId')
  })
})

describe('fit assessment and designation', () => {
  it('suggests evidence the product has, refuses designation below the threshold, designates at or above it, and warns above the limit', async () => {
    const p = await createPartnership(vendor.admin, { orgAId: vendor.org.id, orgBId: beta.org.id })
    await db.insert(accounts).values([
      { orgId: vendor.org.id, domain: 'shared-one.example', name: 'Shared One', population: 'customer' },
      { orgId: beta.org.id, domain: 'shared-one.example', name: 'Shared One', population: 'prospect' },
      { orgId: beta.org.id, domain: 'only-beta.example', name: 'Only Beta', population: 'prospect' },
    ])
    const evidence = await fitEvidence(vendor.member, p.id)
    expect(evidence.overlappingAccounts).toBe(1)
    expect(evidence.suggestions.marketAccess).toContain('1 overlapping account')

    const noAssessment = await refusal(designate(vendor.admin, p.id, true))
    expect(noAssessment.message).toMatch(/Assess the strategic fit first/)
    await assessFit(vendor.admin, p.id, scores(4, { commitment: 2 }))
    const low = await refusal(designate(vendor.admin, p.id, true))
    expect(low.code).toBe('invalid')
    expect(low.message).toMatch(/organizational commitment signals \(2\)/)
    expect((await db.select().from(partnerships).where(eq(partnerships.id, p.id)))[0]!.strategic).toBe(false)
    expect((await refusal(assessFit(vendor.admin, p.id, scores(6)))).fieldErrors).toHaveProperty('marketAccess')

    await assessFit(vendor.admin, p.id, scores(3))
    const ok = await designate(vendor.admin, p.id, true)
    expect(ok.partnership.strategic).toBe(true)
    expect(ok.warning).toBeNull()

    // The threshold and the limit are the vendor's settings.
    await updatePartnershipSettings(vendor.admin, { fitThreshold: '4', strategicLimit: '1', activationWindowDays: '90', currencies: ['USD', 'EUR'] })
    const p2 = await createPartnership(vendor.admin, { orgAId: vendor.org.id, orgBId: gamma.org.id })
    await assessFit(vendor.admin, p2.id, scores(3))
    expect((await refusal(designate(vendor.admin, p2.id, true))).message).toMatch(/below 4/)
    await assessFit(vendor.admin, p2.id, scores(5))
    const warned = await designate(vendor.admin, p2.id, true)
    expect(warned.warning).toMatch(/executive attention does not scale/)
    expect((await partnershipBoard(vendor.member)).overLimit).toBe(true)
    await designate(vendor.admin, p2.id, false)
    await updatePartnershipSettings(vendor.admin, { fitThreshold: '3', strategicLimit: '15', activationWindowDays: '90', currencies: ['USD', 'EUR', 'GBP'] })
    expect((await refusal(updatePartnershipSettings(vendor.admin, { fitThreshold: '9', strategicLimit: '0', activationWindowDays: '-1', currencies: ['XYZ'] }))).fieldErrors).toMatchObject({
      fitThreshold: expect.any(Array),
      strategicLimit: expect.any(Array),
      activationWindowDays: expect.any(Array),
    })
  })
})

async function planFor(partner: Partner) {
  const [p] = await db
    .select()
    .from(partnerships)
    .where(and(eq(partnerships.orgAId, vendor.org.id), eq(partnerships.orgBId, partner.org.id)))
  return p ?? (await createPartnership(vendor.admin, { orgAId: vendor.org.id, orgBId: partner.org.id }))
}

describe('joint business plans', () => {
  it('co-authored drafts bump the revision; a stale sign-off is refused with nothing written; both sign-offs activate', async () => {
    const p = await planFor(alpha)
    const d1 = await saveDraft(vendor.member, p.id, draftInput())
    expect(d1).toMatchObject({ version: 1, status: 'draft', revision: 2, currency: 'EUR' })
    expect(d1.targets).toEqual([
      { quarter: '2027-Q1', pipeline: 50_000_000, revenue: 10_000_000 },
      { quarter: '2027-Q2', pipeline: 75_000_000 },
    ])
    const c = await addCommitment(alpha.admin, p.id, {
      revision: '2',
      ownerOrgId: alpha.org.id,
      ownerUserId: alpha.member.userId,
      kind: 'certifications',
      title: 'Certify five engineers',
      measure: '5 certified',
      dueAt: '2027-03-31',
    })
    expect(c.planId).toBe(d1.id)
    // A stale edit (revision 2 was read, it is 3 now) is refused.
    expect((await refusal(saveDraft(alpha.admin, p.id, draftInput({ revision: '2' })))).code).toBe('conflict')

    await signPlan(vendor.admin, { planId: d1.id, revision: '3' })
    // Alpha read revision 2: refused, nothing written.
    const stale = await refusal(signPlan(alpha.admin, { planId: d1.id, revision: '2' }))
    expect(stale.code).toBe('conflict')
    expect(stale.message).toMatch(/changed since you read it/)
    expect(await db.select().from(partnershipPlanSignoffs).where(eq(partnershipPlanSignoffs.planId, d1.id))).toHaveLength(1)
    // A draft without its joint value proposition cannot be signed (saving it is fine: it is a draft).
    await saveDraft(alpha.admin, p.id, draftInput({ revision: '3', valueProposition: '' }))
    const empty = await refusal(signPlan(alpha.admin, { planId: d1.id, revision: '4' }))
    expect([empty.code, empty.fieldErrors?.valueProposition]).toEqual(['invalid', ['Write the joint value proposition before signing.']])
    // An edit after the vendor signed moves the revision: the vendor's sign-off no longer counts.
    await saveDraft(alpha.admin, p.id, draftInput({ revision: '4', provisions: 'Alpha is preferred in EMEA and the Nordics.' }))
    const half = await signPlan(alpha.admin, { planId: d1.id, revision: '5' })
    expect(half.activated).toBe(false)
    const both = await signPlan(vendor.member, { planId: d1.id, revision: '5' })
    expect(both.activated).toBe(true)
    expect(both.plan.status).toBe('active')
    expect(both.plan.signedAt).toBeInstanceOf(Date)
    expect((await refusal(signPlan(alpha.admin, { planId: d1.id, revision: '5' }))).code).toBe('conflict')

    await deliverPendingNotifications()
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, alpha.admin.userId), eq(notifications.kind, 'partnership')))
    expect(told.map((n) => n.title).join('\n')).toMatch(/your sign-off is requested/)
    expect(told.map((n) => n.title).join('\n')).toMatch(/is active \(version 1\)/)
  })

  it('editing an active plan creates a new draft version with a readable diff; signing it supersedes the active one', async () => {
    const p = await planFor(alpha)
    const view0 = await getPlanView(alpha.member, p.id)
    expect(view0.active!.version).toBe(1)
    expect(view0.canEdit).toBe(false)
    const d2 = await saveDraft(alpha.admin, p.id, draftInput({ currency: 'USD', territories: 'EMEA, North America', sponsorBName: 'Ann Alpha' }))
    expect(d2).toMatchObject({ version: 2, status: 'draft' })
    const view = await getPlanView(vendor.member, p.id)
    const fields = view.diff.map((l) => l.field)
    expect(fields).toEqual(expect.arrayContaining(['Currency', 'Territories', 'Sponsors of Alpha Systems']))
    expect(view.diff.find((l) => l.field === 'Currency')).toEqual({ field: 'Currency', before: 'EUR', after: 'USD' })
    expect(view.diff.find((l) => l.field === 'Territories')).toEqual({ field: 'Territories', before: 'EMEA', after: 'EMEA, North America' })
    expect(fields).not.toContain('Value proposition')
    await signPlan(alpha.admin, { planId: d2.id, revision: String(d2.revision) })
    await signPlan(vendor.admin, { planId: d2.id, revision: String(d2.revision) })
    const versions = await db.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, p.id))
    const v1 = versions.find((v) => v.version === 1)!
    expect(v1.status).toBe('superseded')
    expect(v1.supersededAt).toBeInstanceOf(Date)
    expect(versions.find((v) => v.version === 2)!.status).toBe('active')
  })

  it('planDiff lists new commitments and treats a first plan as all added', () => {
    const sides = { partnershipId: 'p', orgAId: 'a', orgAName: 'A', orgBId: 'b', orgBName: 'B' }
    const draft = { valueProposition: 'Together', scope: { segments: ['S'], territories: [], categories: [] }, provisions: '', currency: 'USD', activationWindowDays: 90, targets: [] } as never
    const lines = planDiff(null, [], draft, [], sides, [{ title: 'Run a webinar', ownerOrgId: 'b', dueAt: new Date('2027-01-15T12:00:00Z'), kind: 'customer_events' }])
    expect(lines).toContainEqual({ field: 'Value proposition', before: '(none)', after: 'Together' })
    expect(lines).toContainEqual({ field: 'New commitment', before: '', after: 'B: Run a webinar (Customer events), due 2027-01-15' })
  })

  it('bad input: negative targets, unknown currency, quarters out of order, an owner outside the plan → field errors, nothing written', async () => {
    const p = await planFor(beta)
    const before = await db.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, p.id))
    const neg = await refusal(saveDraft(vendor.admin, p.id, draftInput({ targets: [{ quarter: '2027-Q1', pipeline: '-5' }] })))
    expect(neg.fieldErrors).toHaveProperty(['targets.0.pipeline'])
    const cur = await refusal(saveDraft(vendor.admin, p.id, draftInput({ currency: 'XYZ' })))
    expect(cur.fieldErrors).toHaveProperty('currency')
    const order = await refusal(
      saveDraft(
        vendor.admin,
        p.id,
        draftInput({
          targets: [
            { quarter: '2027-Q3', pipeline: '1' },
            { quarter: '2027-Q1', pipeline: '1' },
          ],
        }),
      ),
    )
    expect(order.fieldErrors).toHaveProperty(['targets.1.quarter'])
    const outsider = await refusal(addCommitment(vendor.admin, p.id, { ownerOrgId: gamma.org.id, kind: 'other', title: 'Something', dueAt: '2027-01-01' }))
    expect(outsider.fieldErrors).toHaveProperty('ownerOrgId')
    const wrongPerson = await refusal(addCommitment(vendor.admin, p.id, { ownerOrgId: beta.org.id, ownerUserId: alpha.admin.userId, kind: 'other', title: 'Something', dueAt: '2027-01-01' }))
    expect(wrongPerson.fieldErrors).toHaveProperty('ownerUserId')
    expect((await refusal(addCommitment(vendor.admin, p.id, { ownerOrgId: beta.org.id, kind: 'other', title: 'Something', dueAt: '2027-02-30x' }))).fieldErrors).toHaveProperty('dueAt')
    expect(await db.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, p.id))).toEqual(before)
  })

  it('commitment status: the owning side changes it (met with metAt); not a plan change; notified to the other side', async () => {
    const p = await planFor(alpha)
    const view = await getPlanView(alpha.admin, p.id)
    const c = view.commitments.find((x) => x.title === 'Certify five engineers')!
    expect(c.agreed).toBe(true)
    const activeBefore = view.active!
    expect((await refusal(setCommitmentStatus(vendor.admin, { commitmentId: c.id, status: 'met' }))).code).toBe('forbidden')
    const met = await setCommitmentStatus(alpha.admin, { commitmentId: c.id, status: 'met' })
    expect(met.status).toBe('met')
    expect(met.metAt).toBeInstanceOf(Date)
    const reopened = await setCommitmentStatus(alpha.admin, { commitmentId: c.id, status: 'open' })
    expect(reopened.metAt).toBeNull()
    const after = await getPlanView(alpha.admin, p.id)
    expect(after.active!.id).toBe(activeBefore.id)
    expect(after.active!.revision).toBe(activeBefore.revision)
    expect(after.draft).toBeNull()
  })

  it('activation window: pending without a joint deal, met when a referral between the two comes in time', async () => {
    const p = await planFor(alpha)
    const view = await getPlanView(alpha.admin, p.id)
    expect(view.activation.state).toBe('pending')
    const later = new Date(Date.now() + 200 * 86_400_000)
    expect((await getPlanView(alpha.admin, p.id, later)).activation.state).toBe('missed')
  })
})

describe('reminders', () => {
  it('due-in-7-days and overdue reminders for agreed commitments, and review reminders, are sent exactly once', async () => {
    const p = await planFor(gamma)
    const d = await saveDraft(vendor.admin, p.id, draftInput({ currency: 'USD' }))
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    const past = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    await addCommitment(vendor.admin, p.id, { ownerOrgId: gamma.org.id, kind: 'joint_content', title: 'Publish the joint case study', dueAt: soon })
    await addCommitment(gamma.admin, p.id, { ownerOrgId: gamma.org.id, kind: 'customer_events', title: 'Host the customer roundtable', dueAt: past })
    // A draft's commitments are not reminded: they are not agreed yet.
    expect(await sendPartnershipReminders()).toMatchObject({ dueSoon: 0, overdue: 0 })
    const [plan] = await db.select().from(partnershipPlans).where(eq(partnershipPlans.id, d.id))
    await signPlan(vendor.admin, { planId: d.id, revision: String(plan!.revision) })
    await signPlan(gamma.admin, { planId: d.id, revision: String(plan!.revision) })
    const review = await scheduleReview(gamma.admin, p.id, { kind: 'quarterly', scheduledAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })
    const first = await sendPartnershipReminders()
    expect(first).toMatchObject({ dueSoon: 1, overdue: 1, reviews: 1 })
    expect(await sendPartnershipReminders()).toMatchObject({ dueSoon: 0, overdue: 0, reviews: 0 })
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, p.id), inArray(domainEvents.type, ['partnership.commitment.due_soon', 'partnership.commitment.overdue', 'partnership.review.reminder'])))
    expect(events.map((e) => e.type).sort()).toEqual(['partnership.commitment.due_soon', 'partnership.commitment.overdue', 'partnership.review.reminder'])
    await deliverPendingNotifications()
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, gamma.member.userId), eq(notifications.kind, 'partnership')))
    expect(told.map((n) => n.title)).toEqual(expect.arrayContaining(['Commitment due in 7 days: Publish the joint case study', 'Commitment overdue: Host the customer roundtable (Gamma Labs)']))
    const overdue = (await getPlanView(gamma.member, p.id)).commitments.find((c) => c.title === 'Host the customer roundtable')!
    expect(overdue.overdue).toBe(true)
    const [row] = await db.select().from(partnershipCommitments).where(eq(partnershipCommitments.id, overdue.id))
    expect(row!.remindedOverdueAt).toBeInstanceOf(Date)
    expect(review.kind).toBe('quarterly')
  })
})

describe('reviews', () => {
  it('a quarterly review has a generated agenda; recording it keeps attendance and turns action items into commitments', async () => {
    const p = await planFor(gamma)
    const scheduled = await scheduleReview(vendor.admin, p.id, { kind: 'quarterly', scheduledAt: '' })
    const view = await getReview(gamma.member, p.id, scheduled.id)
    const gammaSide = view.agenda.perSide.find((s) => s.orgId === gamma.org.id)!
    expect(gammaSide.overdue.map((c) => c.title)).toContain('Host the customer roundtable')
    expect(view.agenda.issues.join(' ')).toMatch(/Host the customer roundtable/)
    const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
    const bad = await refusal(
      recordReview(gamma.admin, p.id, scheduled.id, { attendees: [gamma.admin.userId], actionItems: [{ title: 'Train sales', ownerOrgId: alpha.org.id, kind: 'other', dueAt: due }] }),
    )
    expect(bad.fieldErrors).toHaveProperty(['actionItems[0].ownerOrgId'])
    const recorded = await recordReview(gamma.admin, p.id, scheduled.id, {
      attendees: [gamma.admin.userId, vendor.admin.userId],
      sponsors: [vendor.admin.userId],
      notes: 'Good quarter',
      decisions: 'Double down on events',
      actionItems: [{ title: 'Train the vendor sales team', ownerOrgId: vendor.org.id, kind: 'presales_people', dueAt: due }],
    })
    expect(recorded.actionItems).toBe(1)
    const after = await getReview(vendor.member, p.id, scheduled.id)
    expect(after.review.heldAt).toBeInstanceOf(Date)
    expect(after.attendees.map((a) => [a.userId, a.sponsor]).sort()).toEqual(
      [
        [gamma.admin.userId, false],
        [vendor.admin.userId, true],
      ].sort(),
    )
    expect(after.actionItems.map((c) => c.title)).toEqual(['Train the vendor sales team'])
    const plan = await getPlanView(vendor.member, p.id)
    expect(plan.commitments.find((c) => c.title === 'Train the vendor sales team')!.agreed).toBe(true)
    expect((await refusal(recordReview(gamma.admin, p.id, scheduled.id, { attendees: [] }))).code).toBe('conflict')
  })

  it('the annual strategic review re-scores fit and records a decision; conclude moves the stage to concluded', async () => {
    const p = await planFor(gamma)
    expect((await refusal(scheduleReview(gamma.admin, p.id, { kind: 'annual' }))).code).toBe('forbidden')
    const annual = await scheduleReview(vendor.admin, p.id, { kind: 'annual' })
    expect((await refusal(recordReview(vendor.admin, p.id, annual.id, { attendees: [], ...scores(2) }))).fieldErrors).toHaveProperty('decision')
    await recordReview(vendor.admin, p.id, annual.id, { attendees: [], ...scores(2), decision: 'conclude', decisionNote: 'No longer aligned' })
    const view = await getPartnership(vendor.member, p.id)
    expect(view.partnership.stage).toBe('concluded')
    expect(view.assessments[0]).toMatchObject({ kind: 'annual', decision: 'conclude', marketAccess: 2 })
    expect(view.history[0]).toMatchObject({ fromStage: expect.any(String), toStage: 'concluded', note: 'No longer aligned' })
  })
})
