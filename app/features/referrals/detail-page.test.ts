import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { endorsements, referralFees, referrals } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { postToAction } from '#tests/support/route.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'

type P = Awaited<ReturnType<typeof createPartner>>

/** /referrals/:id: each of its forms answers with errors beside its own fields; nothing is written on a refusal. */
describe('/referrals/:id action', () => {
  let sender: P
  let receiver: P
  let outsider: P
  let referralId: string
  beforeAll(async () => {
    await createVendor()
    sender = await createPartner()
    receiver = await createPartner()
    outsider = await createPartner()
    const r = await submitReferral(sender.admin, {
      toOrg: receiver.org.slug,
      accountName: 'Detailco',
      accountDomain: `detail-${Math.random().toString(36).slice(2, 8)}.example.com`,
      need: 'Needs a data platform migration in Q3.',
      estimatedValue: '120,000',
      feeType: 'percent',
      feePercent: '10',
    })
    referralId = r.id
  })
  const post = async (actor: Actor, values: Record<string, string>) => {
    const { action } = await import('#app/routes/referrals.$id.tsx')
    return postToAction(action, `/referrals/${referralId}`, actor, values, { id: referralId })
  }
  const status = async () => (await db.select().from(referrals).where(eq(referrals.id, referralId)))[0]?.status

  it('a forged intent or fee id is the 400 error page', async () => {
    expect((await post(receiver.admin, { intent: 'explode' })).status).toBe(400)
    expect((await post(receiver.admin, { intent: 'confirmPaid' })).status).toBe(400)
  })

  it('accepting without ticking the fee terms, or declining without a reason, answers beside the field; nothing changes', async () => {
    const unticked = await post(receiver.admin, { intent: 'accept' })
    expect(unticked.init?.status).toBe(400)
    expect(unticked.data?.error?.acceptTerms?.[0]).toMatch(/Tick the box/)
    expect(unticked.data?.initialValue?.intent).toBe('accept')
    const short = await post(receiver.admin, { intent: 'decline', reason: 'no' })
    expect(short.init?.status).toBe(400)
    expect(short.data?.error?.reason?.[0]).toMatch(/at least 3 characters/)
    expect(short.data?.initialValue?.intent).toBe('decline')
    expect(await status()).toBe('submitted')
  })

  it('another organization cannot act on it', async () => {
    const refused = await post(outsider.admin, { intent: 'accept', acceptTerms: 'on' })
    expect([302, 403, 404]).toContain(refused.status)
    expect(await status()).toBe('submitted')
  })

  it('accept, start, a bad then a good won amount, mark paid and endorse, each through its form', async () => {
    expect((await post(receiver.admin, { intent: 'accept', acceptTerms: 'on' })).status).toBe(302)
    expect(await status()).toBe('accepted')
    expect((await post(receiver.admin, { intent: 'start' })).status).toBe(302)

    const negative = await post(receiver.admin, { intent: 'win', wonAmount: '-5' })
    expect(negative.init?.status).toBe(400)
    expect(negative.data?.error?.wonAmount?.[0]).toMatch(/cannot be negative/)
    expect(negative.data?.initialValue?.wonAmount).toBe('-5')
    expect(await status()).toBe('in_progress')

    expect((await post(receiver.admin, { intent: 'win', wonAmount: '48,000' })).status).toBe(302)
    const [fee] = await db.select().from(referralFees).where(eq(referralFees.referralId, referralId))
    expect(fee?.amount).toBe(480_000)

    const longRef = await post(receiver.admin, { intent: 'markPaid', feeId: fee!.id, reference: 'x'.repeat(201) })
    expect(longRef.init?.status).toBe(400)
    expect(longRef.data?.error?.reference?.[0]).toMatch(/at most 200/)
    expect((await post(receiver.admin, { intent: 'markPaid', feeId: fee!.id, reference: 'INV-1' })).status).toBe(302)

    const unrated = await post(sender.admin, { intent: 'endorse', rating: '9' })
    expect(unrated.init?.status).toBe(400)
    expect(unrated.data?.error?.rating?.[0]).toMatch(/1 to 5/)
    expect((await post(sender.admin, { intent: 'endorse', rating: '5', comment: 'Great work' })).status).toBe(302)
    expect(await db.select().from(endorsements).where(eq(endorsements.referralId, referralId))).toHaveLength(1)
  })
})
