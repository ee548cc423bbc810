import { eq, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { accounts, connections, domainEvents, notifications, opportunities, referrals, type SharingLevel } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { requestConnection, respondToConnection } from '#app/features/accounts/connections.server.ts'
import { overlapAccounts } from '#app/features/accounts/overlap.server.ts'
import { SHARING_LEVELS } from '#app/features/accounts/schemas.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import type { DomainEvent } from '#app/features/events/outbox.server.ts'
import { deliverNotifications } from '#app/features/notifications/delivery.server.ts'
import { getReferral, listReferrals } from '#app/features/referrals/queries.server.ts'
import { listFlaggedReferrals, PREVIEW_LIMIT, VENDOR_REVIEW_NOTICE } from '#app/features/referrals/conflicts.server.ts'
import { previewReferral, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { ListQuerySchema } from '#app/features/referrals/schemas.ts'

/**
 * "Check for conflicts" must not be an oracle: the sender learns about the receiver's accounts
 * exactly what the overlap page shows it, never the vendor's pipeline nor other partners'
 * referrals, and the answer reads the same whether a hidden conflict exists or not.
 */
type P = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let sender: P
let receiver: P
let stranger: P

let n = 0
const domain = () => `acct-${Date.now().toString(36)}-${++n}.example.com`
const input = (toOrg: string, accountDomain: string) => ({
  toOrg,
  accountName: 'Globex Corporation',
  accountDomain,
  need: 'Needs a data platform migration in Q3.',
  estimatedValue: '120,000',
  feeType: 'percent',
  feePercent: '10',
})

async function listAccount(orgId: string, d: string, population: 'customer' | 'opportunity' | 'prospect') {
  await db.insert(accounts).values({ orgId, domain: d, name: `Name of ${d} at ${orgId}`, population, source: 'manual' })
}

/** What the sender's screen is built from: everything previewReferral returns. */
const senderBytes = (p: Awaited<ReturnType<typeof previewReferral>>) => JSON.stringify(p)

beforeAll(async () => {
  vendor = await createVendor()
  sender = await createPartner({ name: 'Sender Systems' })
  receiver = await createPartner({ name: 'Receiver Cloud' })
  stranger = await createPartner({ name: 'Stranger Ltd' })
})

beforeEach(async () => {
  await db.execute(sql`delete from rate_limits where key like 'referral-preview:%'`)
})

describe('what an unconnected sender learns', () => {
  it('nothing: the receiver listing the customer changes no byte of the preview', async () => {
    const d = domain()
    await listAccount(sender.org.id, d, 'customer')
    const before = await previewReferral(stranger.admin, input(receiver.org.slug, d))
    await listAccount(receiver.org.id, d, 'customer')
    const after = await previewReferral(stranger.admin, input(receiver.org.slug, d))
    expect(after.conflicts).toEqual([])
    expect(senderBytes(after)).toBe(senderBytes(before))
    // The same sender also listing the account is no help without a connection.
    await listAccount(stranger.org.id, d, 'customer')
    expect(senderBytes(await previewReferral(stranger.admin, input(receiver.org.slug, d)))).toBe(senderBytes(before))
  })
})

describe('what a connected sender learns follows the overlap page', () => {
  let connectionId: string
  beforeAll(async () => {
    const conn = await requestConnection(sender.admin, { partner: receiver.org.slug, share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
    await respondToConnection(receiver.admin, conn.id, { decision: 'accept', share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
    connectionId = conn.id
  })

  async function setSharing(senderSide: SharingLevel, receiverSide: SharingLevel) {
    // The sender requested the connection: it is the requester side.
    await db
      .update(connections)
      .set({
        requesterShareCustomers: senderSide,
        requesterShareOpportunities: senderSide,
        requesterShareProspects: senderSide,
        recipientShareCustomers: receiverSide,
        recipientShareOpportunities: receiverSide,
        recipientShareProspects: receiverSide,
      })
      .where(eq(connections.id, connectionId))
  }

  it('for every pair of sharing levels, the receiver’s listing shows in the preview exactly when the overlap page shows the account', async () => {
    const cases: { mine: 'customer' | 'opportunity' | 'prospect' | null; theirs: 'customer' | 'opportunity' }[] = [
      { mine: 'customer', theirs: 'customer' },
      { mine: 'prospect', theirs: 'opportunity' },
      { mine: null, theirs: 'customer' }, // the sender does not list it: the overlap page never shows it
    ]
    let shown = 0
    for (const a of SHARING_LEVELS) {
      for (const b of SHARING_LEVELS) {
        await setSharing(a, b)
        await db.execute(sql`delete from rate_limits where key like 'referral-preview:%'`) // 18 previews per round
        for (const c of cases) {
          const d = domain()
          if (c.mine) await listAccount(sender.org.id, d, c.mine)
          const clean = await previewReferral(sender.member, input(receiver.org.slug, d))
          await listAccount(receiver.org.id, d, c.theirs)
          const onOverlapPage = (await overlapAccounts(sender.member, connectionId, { q: d })).accounts.some((x) => x.domain === d)
          const preview = await previewReferral(sender.member, input(receiver.org.slug, d))
          const label = `sender ${a}, receiver ${b}, sender lists ${c.mine ?? 'nothing'}, receiver lists ${c.theirs}`
          expect(onOverlapPage, label).toBe(a === 'names' && b === 'names' && c.mine !== null)
          if (onOverlapPage) {
            shown++
            expect(
              preview.conflicts.map((x) => x.kind),
              label,
            ).toEqual(['receiver_account'])
            expect(preview.conflicts[0]!.explanation, label).toContain(`lists ${d} as ${c.theirs === 'customer' ? 'a customer' : 'an open opportunity'}`)
          } else {
            expect(senderBytes(preview), label).toBe(senderBytes(clean))
          }
        }
      }
    }
    expect(shown).toBe(2)
  })

  it('one population shared by name is not another: a prospect shared at counts hides a customer overlap', async () => {
    await db
      .update(connections)
      .set({ requesterShareCustomers: 'names', requesterShareProspects: 'counts', recipientShareCustomers: 'names', recipientShareProspects: 'names' })
      .where(eq(connections.id, connectionId))
    const d = domain()
    await listAccount(sender.org.id, d, 'prospect')
    const clean = await previewReferral(sender.admin, input(receiver.org.slug, d))
    await listAccount(receiver.org.id, d, 'customer')
    expect((await overlapAccounts(sender.admin, connectionId, { q: d })).accounts).toEqual([])
    expect(senderBytes(await previewReferral(sender.admin, input(receiver.org.slug, d)))).toBe(senderBytes(clean))
  })
})

describe('the vendor’s pipeline and other partners’ referrals', () => {
  it('give byte-identical sender-facing output to no conflict at all, and flag the referral for the vendor instead', async () => {
    const d = domain()
    const none = await previewReferral(sender.admin, input(receiver.org.slug, d))
    expect(none.review).toBe(VENDOR_REVIEW_NOTICE)
    await db.insert(opportunities).values({ orgId: vendor.org.id, accountName: 'Hidden deal', accountDomain: d, amount: 500_000, stage: 'business_validation' })
    const withOpportunity = await previewReferral(sender.admin, input(receiver.org.slug, d))
    expect(senderBytes(withOpportunity)).toBe(senderBytes(none))
    await submitReferral(stranger.admin, input(receiver.org.slug, d)) // another partner got there first
    const withBoth = await previewReferral(sender.admin, input(receiver.org.slug, d))
    expect(senderBytes(withBoth)).toBe(senderBytes(none))

    // Sending needs no acknowledgement, so the refusal cannot be used as a test either.
    const sent = await submitReferral(sender.admin, input(receiver.org.slug, d))
    expect(sent.conflicts).toEqual([])
    expect(sent.conflictStatus).toBe('none')
    const [stored] = await db.select().from(referrals).where(eq(referrals.id, sent.id))
    expect(stored!.conflictStatus).toBe('flagged')
    expect(stored!.conflicts.map((c) => c.kind)).toEqual(['open_referral', 'vendor_opportunity'])

    // The sender's referral page and outbox show the same as for a referral without conflicts.
    const clean = await submitReferral(sender.admin, input(receiver.org.slug, domain()))
    const [hiddenView, cleanView] = [await getReferral(sender.member, sent.id), await getReferral(sender.member, clean.id)]
    expect(hiddenView.referral.conflicts).toEqual([])
    expect(hiddenView.referral.conflictStatus).toBe('none')
    expect(hiddenView.review).toBe(VENDOR_REVIEW_NOTICE)
    expect(hiddenView.timeline.map((t) => t.kind)).toEqual(cleanView.timeline.map((t) => t.kind))
    expect(JSON.stringify(hiddenView)).not.toMatch(/business validation|open opportunit|other partners/)
    const outbox = await listReferrals(sender.admin, ListQuerySchema.parse({ box: 'outbox' }))
    expect(outbox.rows.find((r) => r.id === sent.id)?.conflictStatus).toBe('none')

    // Nothing that reaches the sender's sockets or notifications names the conflict.
    const events = await db.select().from(domainEvents).where(eq(domainEvents.subjectId, sent.id))
    const toSender = events.filter((e) => e.audience.orgs?.includes(sender.org.id))
    expect(toSender.map((e) => e.type)).toEqual(['referral.submitted'])
    expect(JSON.stringify(toSender)).not.toMatch(/conflict|vendor_opportunity|open_referral/)
    const flagged = events.find((e) => e.type === 'referral.conflict_flagged')
    expect(flagged?.audience).toEqual({ orgs: [receiver.org.id], vendor: true })
    await db.transaction((tx) => deliverNotifications(events as DomainEvent[], tx))
    const senderNotes = await db
      .select()
      .from(notifications)
      .where(sql`${notifications.link} = ${`/referrals/${sent.id}`} and ${notifications.userId} in (${sender.admin.userId}, ${sender.member.userId})`)
    expect(senderNotes).toEqual([])
  })

  it('the receiver and the vendor’s team see the full detail, on the referral and in the conflicts queue', async () => {
    const d = domain()
    await db.insert(opportunities).values({ orgId: vendor.org.id, accountName: 'Hidden deal', accountDomain: d, amount: 500_000, stage: 'business_validation' })
    await listAccount(receiver.org.id, d, 'opportunity')
    const sent = await submitReferral(stranger.admin, input(receiver.org.slug, d))
    for (const who of [receiver.member, vendor.member]) {
      const view = await getReferral(who, sent.id)
      expect(view.referral.conflictStatus).toBe('flagged')
      expect(view.referral.conflicts.map((c) => c.kind)).toEqual(['receiver_account', 'vendor_opportunity'])
      expect(view.referral.conflicts[1]!.explanation).toMatch(/stage: business validation/)
      expect(view.timeline.some((t) => t.kind === 'conflict')).toBe(true)
    }
    const queue = await listFlaggedReferrals(vendor.admin)
    const row = queue.rows.find((r) => r.id === sent.id)
    expect(row?.conflicts.map((c) => c.explanation).join(' ')).toMatch(/lists .* as an open opportunity.*stage: business validation/)
    // And the stranger (the sender) sees none of it.
    expect((await getReferral(stranger.member, sent.id)).referral.conflicts).toEqual([])
  })
})

describe('rate limit', () => {
  it(`allows ${PREVIEW_LIMIT.max} previews per user in the window, then refuses with when to retry`, async () => {
    const user: Actor = await createUserIn(sender.org.id, 'partner_member')
    const d = domain()
    for (let i = 0; i < PREVIEW_LIMIT.max; i++) await previewReferral(user, input(receiver.org.slug, d))
    const error = await previewReferral(user, input(receiver.org.slug, d)).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).status).toBe(429)
    expect((error as DomainError).retryAfterSeconds).toBeGreaterThan(0)
    expect((error as DomainError).message).toMatch(/Wait \d+ (seconds|minutes) and try again/)
    // Submitting checks too, so it cannot stand in for a preview.
    await expect(submitReferral(user, input(receiver.org.slug, d))).rejects.toMatchObject({ code: 'rate_limited' })
    // Per user: a teammate is not held up.
    await previewReferral(sender.admin, input(receiver.org.slug, d))
  })
})

describe('the "Check for conflicts" form', () => {
  it('answers a preview over the limit with 429, Retry-After and a message saying when to retry', async () => {
    const { action } = await import('#app/routes/referrals.new.tsx')
    const user = await createUserIn(sender.org.id, 'partner_member')
    const post = () => {
      const form = new URLSearchParams({ ...input(receiver.org.slug, 'limit-check.example.com'), intent: 'preview' })
      const request = new Request('http://localhost/referrals/new', { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
      return action({ request, context: { actor: user } as never, params: {} }) as Promise<unknown>
    }
    type Reply = { data: { step?: string; review?: string; error?: Record<string, string[]> }; init: { status?: number; headers?: Record<string, string> } | null }
    const first = (await post()) as Reply
    expect(first.data.step).toBe('confirm')
    expect(first.data.review).toBe(VENDOR_REVIEW_NOTICE)
    for (let i = 1; i < PREVIEW_LIMIT.max; i++) await post()
    const limited = (await post()) as Reply
    expect(limited.init?.status).toBe(429)
    expect(Number(limited.init?.headers?.['Retry-After'])).toBeGreaterThan(0)
    // Back on the form (no step), the message at its top.
    expect(limited.data.step).toBeUndefined()
    expect(limited.data.error?.['']?.[0]).toMatch(/Wait \d+ (seconds|minutes) and try again/)
  })
})
