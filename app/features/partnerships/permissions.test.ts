import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { partnerships } from '#db/schema/index.ts'
import { createPartner, type createVendor } from '#tests/factories/index.ts'
import { dateInDays } from '#tests/factories/dates.ts'
import { createPartnershipWithDraft, signByBoth } from '#tests/factories/partnerships.ts'
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
import { addCommitment, getPlanView, removeDraftCommitment, saveDraft, setCommitmentStatus, signPlan } from '#app/features/partnerships/plans.server.ts'
import { getReview, listReviews, recordReview, scheduleReview } from '#app/features/partnerships/reviews.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** Who sees and changes a partnership: its two organizations and the vendor's team; 404 for anyone else. */

type Partner = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let side: Partner
let other: Partner
let outsider: Partner
let partnershipId: string
let pairId: string
let planId: string
let vendorCommitment: string
let partnerCommitment: string
let reviewId: string

const code = async (p: Promise<unknown>) => (await refusal(p)).code
const due = dateInDays(30)

beforeAll(async () => {
  ;({ vendor, side, partnershipId, draftId: planId } = await createPartnershipWithDraft('Perm Side'))
  other = await createPartner({ name: 'Perm Other' })
  outsider = await createPartner({ name: 'Perm Outsider' })
  pairId = (await createPartnership(vendor.admin, { orgAId: side.org.id, orgBId: other.org.id })).id
  vendorCommitment = (await addCommitment(vendor.admin, partnershipId, { ownerOrgId: vendor.org.id, kind: 'executive_time', title: 'Quarterly executive briefing', dueAt: due })).id
  partnerCommitment = (await addCommitment(side.admin, partnershipId, { ownerOrgId: side.org.id, kind: 'certifications', title: 'Certify engineers', dueAt: due })).id
  await signByBoth(planId, vendor.admin, side.admin)
  reviewId = (await scheduleReview(vendor.admin, partnershipId, { kind: 'quarterly' })).id
})

describe('another organization', () => {
  it('gets 404 on every read and write of a partnership it is not part of', async () => {
    const a = outsider.admin
    expect((await listPartnerships(a)).rows).toEqual([])
    expect(await code(getPartnership(a, partnershipId))).toBe('not_found')
    expect(await code(getPlanView(a, partnershipId))).toBe('not_found')
    expect(await code(listReviews(a, partnershipId))).toBe('not_found')
    expect(await code(getReview(a, partnershipId, reviewId))).toBe('not_found')
    expect(await code(saveDraft(a, partnershipId, { currency: 'USD', activationWindowDays: '90' }))).toBe('not_found')
    expect(await code(addCommitment(a, partnershipId, { ownerOrgId: outsider.org.id, kind: 'other', title: 'Sneak in', dueAt: due }))).toBe('not_found')
    expect(await code(signPlan(a, { planId, revision: '1' }))).toBe('not_found')
    expect(await code(setCommitmentStatus(a, { commitmentId: partnerCommitment, status: 'met' }))).toBe('not_found')
    expect(await code(removeDraftCommitment(a, partnerCommitment))).toBe('not_found')
    expect(await code(scheduleReview(a, partnershipId, { kind: 'quarterly' }))).toBe('not_found')
    expect(await code(recordReview(a, partnershipId, reviewId, { attendees: [] }))).toBe('not_found')
    // A partner of a partner–partner partnership sees it; a third does not.
    expect((await getPartnership(other.member, pairId)).partnership.id).toBe(pairId)
    expect(await code(getPlanView(outsider.member, pairId))).toBe('not_found')
  })
})

describe('partner members and admins', () => {
  it('members read but cannot edit', async () => {
    const m = side.member
    expect((await getPlanView(m, partnershipId)).canEdit).toBe(false)
    expect((await getReview(m, partnershipId, reviewId)).review.id).toBe(reviewId)
    expect(await code(saveDraft(m, partnershipId, { currency: 'USD', activationWindowDays: '90' }))).toBe('forbidden')
    expect(await code(addCommitment(m, partnershipId, { ownerOrgId: side.org.id, kind: 'other', title: 'Something', dueAt: due }))).toBe('forbidden')
    expect(await code(setCommitmentStatus(m, { commitmentId: partnerCommitment, status: 'met' }))).toBe('forbidden')
    expect(await code(signPlan(m, { planId, revision: '1' }))).toBe('forbidden')
    expect(await code(scheduleReview(m, partnershipId, { kind: 'quarterly' }))).toBe('forbidden')
  })

  it("a partner admin cannot change the other side's commitments, nor the vendor the partner's", async () => {
    expect(await code(setCommitmentStatus(side.admin, { commitmentId: vendorCommitment, status: 'met' }))).toBe('forbidden')
    expect(await code(setCommitmentStatus(vendor.admin, { commitmentId: partnerCommitment, status: 'missed' }))).toBe('forbidden')
    expect((await setCommitmentStatus(side.admin, { commitmentId: partnerCommitment, status: 'met' })).status).toBe('met')
    // The vendor's team reads a partner–partner plan but is not a side of it.
    expect((await getPlanView(vendor.member, pairId)).canEdit).toBe(false)
    expect(await code(saveDraft(vendor.admin, pairId, { currency: 'USD', activationWindowDays: '90' }))).toBe('forbidden')
  })

  it("only the vendor's team moves stages, assesses fit, designates, creates partnerships and sees the board", async () => {
    for (const actor of [side.admin, side.member]) {
      expect(await code(moveStage(actor, partnershipId, { toStage: 'active_collaboration' }))).toBe('forbidden')
      expect(await code(assessFit(actor, partnershipId, { marketAccess: 5, capability: 5, commitment: 5, alignment: 5 }))).toBe('forbidden')
      expect(await code(designate(actor, partnershipId, true))).toBe('forbidden')
      expect(await code(fitEvidence(actor, partnershipId))).toBe('forbidden')
      expect(await code(partnershipBoard(actor))).toBe('forbidden')
      expect(await code(createPartnership(actor, { orgAId: side.org.id, orgBId: outsider.org.id }))).toBe('forbidden')
      expect(await code(updatePartnershipSettings(actor, { fitThreshold: '1', strategicLimit: '1', activationWindowDays: '1', currencies: ['USD'] }))).toBe('forbidden')
    }
    expect(await code(scheduleReview(side.admin, partnershipId, { kind: 'annual' }))).toBe('forbidden')
    expect(await code(updatePartnershipSettings(vendor.member, { fitThreshold: '1', strategicLimit: '1', activationWindowDays: '1', currencies: ['USD'] }))).toBe('forbidden')
    const [row] = await db.select().from(partnerships).where(eq(partnerships.id, partnershipId))
    expect(row).toMatchObject({ stage: 'identification', strategic: false })
    expect((await moveStage(vendor.member, partnershipId, { toStage: 'active_collaboration' })).stage).toBe('active_collaboration')
  })
})
