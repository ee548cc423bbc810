import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { partnershipCommitments, partnershipPlans } from '#db/schema/index.ts'
import { createPartner, type createVendor } from '#tests/factories/index.ts'
import { dateInDays as due } from '#tests/factories/dates.ts'
import { createPartnershipWithDraft } from '#tests/factories/partnerships.ts'
import { addCommitment, signPlan, updateDraftCommitment } from '#app/features/partnerships/plans.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** In-place editing of a commitment proposed in the draft: the owning side only, at the revision it read, a plan change. */

type Partner = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let side: Partner
let outsider: Partner
let partnershipId: string
let draftId: string
let mine: string
let theirs: string

const revision = async () => (await db.select().from(partnershipPlans).where(eq(partnershipPlans.id, draftId)))[0]!.revision
const row = async (id: string) => (await db.select().from(partnershipCommitments).where(eq(partnershipCommitments.id, id)))[0]!

beforeAll(async () => {
  ;({ vendor, side, partnershipId, draftId } = await createPartnershipWithDraft('Edit Side'))
  outsider = await createPartner({ name: 'Edit Outsider' })
  mine = (await addCommitment(side.admin, partnershipId, { ownerOrgId: side.org.id, kind: 'certifications', title: 'Certify engineers', dueAt: due(30) })).id
  theirs = (await addCommitment(vendor.admin, partnershipId, { ownerOrgId: vendor.org.id, kind: 'executive_time', title: 'Executive briefing', dueAt: due(30) })).id
})

describe('editing a proposed commitment in place', () => {
  it('the owning side changes it at the revision it read; the draft moves to a new revision', async () => {
    const before = await revision()
    await updateDraftCommitment(side.admin, {
      commitmentId: mine,
      revision: String(before),
      kind: 'presales_people',
      title: 'Two presales engineers',
      measure: '2 people',
      dueAt: due(45),
      ownerUserId: side.member.userId,
    })
    expect(await row(mine)).toMatchObject({ kind: 'presales_people', title: 'Two presales engineers', measure: '2 people', ownerUserId: side.member.userId })
    expect((await row(mine)).dueAt.toISOString().slice(0, 10)).toBe(due(45))
    expect(await revision()).toBe(before + 1)
  })

  it('refuses a stale revision, bad input, an owner from the other side, the other side and outsiders; nothing is written', async () => {
    const before = await row(mine)
    const rev = await revision()
    const valid = { commitmentId: mine, revision: String(rev), kind: 'certifications', title: 'Certify five engineers', dueAt: due(60) }
    expect((await refusal(updateDraftCommitment(side.admin, { ...valid, revision: String(rev - 1) }))).code).toBe('conflict')
    const bad = await refusal(updateDraftCommitment(side.admin, { ...valid, title: 'no', dueAt: 'someday' }))
    expect(bad.code).toBe('invalid')
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(['title', 'dueAt']))
    expect((await refusal(updateDraftCommitment(side.admin, { ...valid, ownerUserId: vendor.admin.userId }))).fieldErrors?.ownerUserId).toBeTruthy()
    // The other side edits only its own commitments; a member reads; an outsider does not see it at all.
    expect((await refusal(updateDraftCommitment(vendor.admin, valid))).status).toBe(403)
    expect((await refusal(updateDraftCommitment(side.member, valid))).status).toBe(403)
    expect((await refusal(updateDraftCommitment(outsider.admin, valid))).code).toBe('not_found')
    expect((await refusal(updateDraftCommitment(side.admin, { ...valid, commitmentId: theirs }))).status).toBe(403)
    expect(await row(mine)).toEqual(before)
    expect(await revision()).toBe(rev)
  })

  it('an agreed commitment (signed plan) is not edited in place', async () => {
    const rev = await revision()
    await signPlan(vendor.admin, { planId: draftId, revision: String(rev) })
    await signPlan(side.admin, { planId: draftId, revision: String(rev) })
    const e = await refusal(updateDraftCommitment(side.admin, { commitmentId: mine, revision: String(rev), kind: 'certifications', title: 'Changed after signing', dueAt: due(60) }))
    expect(e.code).toBe('invalid')
    expect(e.message).toMatch(/signed plan/)
  })
})
