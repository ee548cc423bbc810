import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { referralFees, referrals } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/** A whole referral driven through the API: one partner's key sends it, another's answers and works it. */
type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)
let sender: P
let receiver: P
let outsider: P
let senderKey: string
let receiverKey: string
let outsiderKey: string

beforeAll(async () => {
  sender = await createPartner()
  receiver = await createPartner()
  outsider = await createPartner()
  ;({ server, base } = await startApiServer())
  senderKey = await apiKeyFor(sender.admin, ['referrals:write'])
  receiverKey = await apiKeyFor(receiver.admin, ['referrals:write'])
  outsiderKey = await apiKeyFor(outsider.admin, ['referrals:write'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

const body = (domain: string) => ({ toOrg: receiver.org.slug, accountName: 'Flow Customer', accountDomain: domain, need: 'Needs an integration partner for the rollout.', estimatedValue: 4_000_000 })

describe('a referral from submission to won, over the API', () => {
  let id: string

  it('the sender refers; the receiver reads it with an ETag and a matching If-None-Match answers 304', async () => {
    const created = await call('POST', '/api/v1/referrals', { key: senderKey, body: body('flow-one.example'), headers: { 'Idempotency-Key': 'flow-1' } })
    expect(created.status).toBe(201)
    id = created.body.id
    const read = await call('GET', `/api/v1/referrals/${id}`, { key: receiverKey })
    expect(read.status).toBe(200)
    const etag = read.headers.get('etag')
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}\.[0-9a-z]+"$/)
    const again = await call('GET', `/api/v1/referrals/${id}`, { key: receiverKey, headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
  })

  it('only the receiver may move it; the sender is refused and another organization gets 404, nothing changes', async () => {
    const bySender = await call('POST', `/api/v1/referrals/${id}/status`, { key: senderKey, body: { status: 'accepted', acceptTerms: true } })
    expect(bySender.status).toBe(403)
    const byOutsider = await call('POST', `/api/v1/referrals/${id}/status`, { key: outsiderKey, body: { status: 'accepted', acceptTerms: true } })
    expect(byOutsider.status).toBe(404)
    const [row] = await db.select().from(referrals).where(eq(referrals.id, id))
    expect(row!.status).toBe('submitted')
  })

  it('accepting without the fee terms is refused naming acceptTerms; an unknown status or field names it too', async () => {
    const noTerms = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'accepted' } })
    expect(noTerms.status).toBe(400)
    expect(noTerms.body.error.fieldErrors).toHaveProperty('acceptTerms')
    const unknown = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'shipped' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.fieldErrors).toHaveProperty('status')
    const extra = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'in_progress', colour: 'red' } })
    expect(extra.status).toBe(400)
    expect(extra.body.error.fieldErrors).toHaveProperty('colour')
    const skip = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'won', wonAmount: 100 } })
    expect(skip.status).toBe(409)
  })

  it('If-Match with a stale ETag is 412 with the current one; with the current ETag the change is made', async () => {
    const read = await call('GET', `/api/v1/referrals/${id}`, { key: receiverKey })
    const stale = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'accepted', acceptTerms: true }, headers: { 'If-Match': '"not-the-etag"' } })
    expect(stale.status).toBe(412)
    expect(stale.body.error.code).toBe('precondition_failed')
    expect(stale.body.error.currentEtag).toBe(read.headers.get('etag'))
    expect(stale.body.error.message).toMatch(/GET it again/)
    const accepted = await call('POST', `/api/v1/referrals/${id}/status`, {
      key: receiverKey,
      body: { status: 'accepted', acceptTerms: true },
      headers: { 'If-Match': read.headers.get('etag')!, 'Idempotency-Key': 'accept-1' },
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body.status).toBe('accepted')
    expect(accepted.body.fee.acceptedAt).not.toBeNull()
    // The old ETag no longer matches.
    const late = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'in_progress' }, headers: { 'If-Match': read.headers.get('etag')! } })
    expect(late.status).toBe(412)
    expect(accepted.headers.get('etag')).toBe((await call('GET', `/api/v1/referrals/${id}`, { key: receiverKey })).headers.get('etag'))
  })

  it('the two partners talk on it; another organization cannot read or post', async () => {
    const posted = await call('POST', `/api/v1/referrals/${id}/messages`, { key: receiverKey, body: { body: 'Kick-off call booked for Tuesday.' } })
    expect(posted.status).toBe(201)
    expect(posted.body).toMatchObject({ object: 'message', seq: 1, author: { orgId: receiver.org.id } })
    const reply = await call('POST', `/api/v1/referrals/${id}/messages`, { key: senderKey, body: { body: 'Thanks, I will join.' } })
    expect(reply.status).toBe(201)
    const first = await call('GET', `/api/v1/referrals/${id}/messages?limit=1`, { key: senderKey })
    expect(first.body.data.map((m: { body: string }) => m.body)).toEqual(['Kick-off call booked for Tuesday.'])
    expect(first.body.hasMore).toBe(true)
    const second = await call('GET', `/api/v1/referrals/${id}/messages?limit=1&cursor=${first.body.nextCursor}`, { key: senderKey })
    expect(second.body.data.map((m: { body: string }) => m.body)).toEqual(['Thanks, I will join.'])
    expect(second.body.nextCursor).toBeNull()
    expect((await call('GET', `/api/v1/referrals/${id}/messages`, { key: outsiderKey })).status).toBe(404)
    expect((await call('POST', `/api/v1/referrals/${id}/messages`, { key: outsiderKey, body: { body: 'Hello?' } })).status).toBe(404)
    const empty = await call('POST', `/api/v1/referrals/${id}/messages`, { key: senderKey, body: { body: '' } })
    expect(empty.status).toBe(400)
    expect(empty.body.error.fieldErrors).toHaveProperty('body')
    expect((await call('GET', `/api/v1/referrals/${id}/messages?cursor=nope`, { key: senderKey })).body.error.code).toBe('invalid_cursor')
  })

  it('the receiver starts and wins it: the fee is computed under the accepted terms', async () => {
    expect((await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'in_progress' } })).status).toBe(200)
    const won = await call('POST', `/api/v1/referrals/${id}/status`, { key: receiverKey, body: { status: 'won', wonAmount: 3_000_000 } })
    expect(won.status).toBe(200)
    expect(won.body).toMatchObject({ status: 'won', wonAmount: 3_000_000 })
    const [fee] = await db.select().from(referralFees).where(eq(referralFees.referralId, id))
    expect(fee!.amount).toBe(300_000)
    const seen = await call('GET', `/api/v1/referrals/${id}`, { key: senderKey })
    expect(seen.body.status).toBe('won')
  })

  it('a declined referral carries its reason; updated_since lists only what changed after', async () => {
    const created = await call('POST', '/api/v1/referrals', { key: senderKey, body: body('flow-two.example') })
    const since = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 5))
    const declined = await call('POST', `/api/v1/referrals/${created.body.id}/status`, { key: receiverKey, body: { status: 'declined', reason: 'Out of our region.' } })
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Out of our region.' })
    const changed = await call('GET', `/api/v1/referrals?updated_since=${encodeURIComponent(since)}`, { key: senderKey })
    expect(changed.body.data.map((r: { id: string }) => r.id)).toEqual([created.body.id])
  })
})
