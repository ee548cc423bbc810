import { eq, sql } from 'drizzle-orm'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { messages, threads } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { inviteVendorToReferralThread } from '#app/features/referrals/queries.server.ts'
import type { MessageDto } from '#app/features/messaging/contract.ts'
import { connectAs, nextEvent, startNode, waitFor, type Node } from '#app/features/messaging/testing.server.ts'
import { request, ThreadSync } from '#app/features/messaging/thread-client.ts'
import { findThread, listMessages, messageRateLimit, postMessage } from '#app/features/messaging/threads.server.ts'

type P = Awaited<ReturnType<typeof createPartner>>
let node: Node
let nw: P
let bp: P
let outsider: P
let vendor: Awaited<ReturnType<typeof createVendor>>
let threadId: string
let referralId: string
const sockets: Socket[] = []

async function client(actor: P['admin'], url = node.url) {
  const s = await connectAs(url, actor)
  sockets.push(s)
  return s
}

async function messageCount(id = threadId) {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages where thread_id = ${id}`)
  return Number(r!.n)
}

beforeAll(async () => {
  node = await startNode()
  vendor = await createVendor()
  nw = await createPartner({ name: 'Northwind Systems' })
  bp = await createPartner({ name: 'Bluepeak Cloud' })
  outsider = await createPartner({ name: 'Outsider' })
  const r = await submitReferral(nw.admin, {
    toOrg: bp.org.slug,
    accountName: 'Globex',
    accountDomain: 'globex.com',
    need: 'A data platform migration',
    estimatedValue: '1000',
    feeType: 'percent',
    feePercent: '10',
  })
  referralId = r.id
  threadId = (await findThread(db, 'referral', r.id))!.id
})

afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await node?.close()
})

describe('thread rooms and permissions', () => {
  it('a non-party cannot join the room, sync, type or post, and receives nothing from it', async () => {
    const party = await client(nw.admin)
    const stranger = await client(outsider.admin)
    const vendorSocket = await client(vendor.admin)
    const seen: unknown[] = []
    stranger.on('message:new', (m) => seen.push(m))
    vendorSocket.on('message:new', (m) => seen.push(m))

    for (const s of [stranger, vendorSocket]) {
      const join = await request(s, 'thread:join', { threadId, lastSeq: 0 })
      expect(join).toMatchObject({ ok: false, code: 'not_found' })
      expect(await request(s, 'thread:sync', { threadId, afterSeq: 0 })).toMatchObject({ ok: false, code: 'not_found' })
      expect(await request(s, 'message:send', { threadId, body: 'let me in', clientId: 'x1' })).toMatchObject({ ok: false, code: 'not_found' })
      expect(await request(s, 'typing', { threadId, typing: true })).toMatchObject({ ok: false, code: 'forbidden' })
    }
    await expect(listMessages(outsider.admin, threadId)).rejects.toBeInstanceOf(DomainError)

    const joined = await request(party, 'thread:join', { threadId, lastSeq: 0 })
    expect(joined.ok).toBe(true)
    const sent = await request(party, 'message:send', { threadId, body: 'Hello Bluepeak, see https://globex.com/rfp', clientId: 'hello-1' })
    expect(sent).toMatchObject({ ok: true, message: { seq: 1, body: 'Hello Bluepeak, see https://globex.com/rfp' } })
    await new Promise((r) => setTimeout(r, 300))
    expect(seen).toEqual([])
    expect(await messageCount()).toBe(1)

    // Once a party invites the vendor's team, it can join.
    await inviteVendorToReferralThread(nw.admin, referralId)
    expect((await request(vendorSocket, 'thread:join', { threadId, lastSeq: 0 })).ok).toBe(true)
  })

  it('shows typing and presence to the other party', async () => {
    const a = await client(nw.member)
    const b = await client(bp.member)
    await request(b, 'thread:join', { threadId, lastSeq: 0 })
    const presence = nextEvent<{ users: { userId: string }[] }>(b, 'presence', (p) => p.users.some((u) => u.userId === nw.member.userId))
    await request(a, 'thread:join', { threadId, lastSeq: 0 })
    await presence
    const typing = nextEvent<{ userId: string; typing: boolean }>(b, 'typing')
    expect(await request(a, 'typing', { threadId, typing: true })).toEqual({ ok: true })
    expect(await typing).toMatchObject({ userId: nw.member.userId, typing: true })
  })
})

describe('bad input over the socket', () => {
  it('answers malformed payloads with an error ack (or error event), writes nothing, and keeps serving', async () => {
    const s = await client(nw.admin)
    const before = await messageCount()
    const raw = (event: string, payload: unknown) => new Promise<any>((resolve) => s.timeout(5000).emit(event, payload, (err: unknown, res: unknown) => resolve(err ? { timeout: true } : res)))
    expect(await raw('message:send', null)).toMatchObject({ ok: false, code: 'invalid' })
    expect(await raw('message:send', 'just a string')).toMatchObject({ ok: false, code: 'invalid' })
    expect(await raw('message:send', { threadId: 42, body: 'x', clientId: 'a' })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await raw('message:send', { threadId, body: '   ', clientId: 'a' })).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/Write a message/) })
    expect(await raw('message:send', { threadId, body: 'x'.repeat(5001), clientId: 'long' })).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/at most 5,000 characters/) })
    expect(await raw('message:send', { threadId, body: 'hi', clientId: 'a', admin: true })).toMatchObject({ ok: false, code: 'invalid' })
    // U+0000 cannot be stored: refused with the field named, not failed at the insert.
    expect(await raw('message:send', { threadId, body: 'nul \u0000 here', clientId: 'nul' })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: expect.stringMatching(/“body” contains a NUL character/),
    })
    expect(await raw('thread:join', { threadId: { $ne: null } })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await raw('thread:sync', { threadId, afterSeq: -1 })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await raw('typing', [1, 2, 3])).toMatchObject({ ok: false, code: 'invalid' })
    // Without an ack callback the refusal comes back as an event.
    const errorEvent = nextEvent<{ event: string; error: string }>(s, 'error:payload')
    s.emit('message:send', { nonsense: true })
    expect(await errorEvent).toMatchObject({ event: 'message:send', error: expect.stringMatching(/Invalid message:send payload/) })
    s.emit('message:send')
    expect(await messageCount()).toBe(before)
    // The same socket and the server still work.
    expect(s.connected).toBe(true)
    expect(await request(s, 'message:send', { threadId, body: 'Still here', clientId: 'still-here' })).toMatchObject({ ok: true })
    // A 5,000-character message is fine.
    expect(await request(s, 'message:send', { threadId, body: 'y'.repeat(5000), clientId: 'max-len' })).toMatchObject({ ok: true })
    // A retried send with the same clientId is stored once.
    const again = await request(s, 'message:send', { threadId, body: 'Still here', clientId: 'still-here' })
    expect(again.ok).toBe(true)
    expect(await messageCount()).toBe(before + 2)
  })

  it('refuses a flood of messages with rate_limited and stores only what was allowed', async () => {
    const flooder = await createPartner({ name: 'Flood Partner' })
    const r = await submitReferral(flooder.admin, { toOrg: bp.org.slug, accountName: 'Floodco', accountDomain: 'floodco.com', need: 'Lots of messages please', feeType: 'none' })
    const tid = (await findThread(db, 'referral', r.id))!.id
    const s = await client(flooder.admin)
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => request(s, 'message:send', { threadId: tid, body: `flood ${i}`, clientId: `flood-${i}` })))
    const ok = results.filter((x) => x.ok).length
    const limited = results.filter((x) => !x.ok && x.code === 'rate_limited')
    expect(ok).toBe(messageRateLimit.max)
    expect(limited.length).toBe(60 - messageRateLimit.max)
    expect(limited[0]).toMatchObject({ error: expect.stringMatching(/too fast/), retryAfterSeconds: expect.any(Number) })
    expect(await messageCount(tid)).toBe(messageRateLimit.max)
    const [t] = await db.select().from(threads).where(eq(threads.id, tid))
    expect(Number(t!.lastSeq)).toBe(messageRateLimit.max) // no seq burnt by refused messages
    // Another user is not affected.
    expect((await request(await client(bp.admin), 'message:send', { threadId: tid, body: 'I can still talk', clientId: 'bp-ok' })).ok).toBe(true)
  })
})

describe('missed messages after a reconnect', () => {
  it('a client that disconnects during a burst of 200 messages gets exactly the missed ones after reconnecting', { timeout: 180_000 }, async () => {
    const saved = { ...messageRateLimit }
    messageRateLimit.max = 10_000
    try {
      const r = await submitReferral(nw.admin, { toOrg: bp.org.slug, accountName: 'Burst Inc', accountDomain: 'burst.example.com', need: 'A burst of messages', feeType: 'none' })
      const tid = (await findThread(db, 'referral', r.id))!.id
      const sender = await client(nw.admin)
      await request(sender, 'thread:join', { threadId: tid, lastSeq: 0 })

      const receiver = await connectAs(node.url, bp.admin, { reconnection: true })
      sockets.push(receiver)
      const received: MessageDto[] = []
      const sync = new ThreadSync(receiver, { threadId: tid, lastSeq: 0, onMessages: (ms) => received.push(...ms) })
      await waitFor(() => sync.lastSeq === 0 && receiver.connected, { what: 'receiver joined' })
      await new Promise((r) => setTimeout(r, 100))

      let sentCount = 0
      const burst = (async () => {
        for (let i = 1; i <= 200; i++) {
          const ack = await request(sender, 'message:send', { threadId: tid, body: `burst message ${i}`, clientId: `burst-${i}` })
          if (!ack.ok) throw new Error(ack.error)
          sentCount++
        }
      })()
      await waitFor(() => received.length >= 30, { what: '30 live messages' })
      // Drop the connection mid-burst (as a network cut would); socket.io reconnects by itself.
      receiver.io.engine.close()
      const atDisconnect = received.length
      await waitFor(() => sentCount >= atDisconnect + 50, { what: 'messages sent while the receiver is away', timeoutMs: 20_000 })
      await burst
      await waitFor(() => received.length >= 200, { what: 'all 200 messages', timeoutMs: 20_000 })
      await new Promise((r) => setTimeout(r, 300))
      expect(received.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      expect(new Set(received.map((m) => m.id)).size).toBe(200)
      expect(received.map((m) => m.body)).toEqual(Array.from({ length: 200 }, (_, i) => `burst message ${i + 1}`))
      expect(atDisconnect).toBeLessThan(200)
      sync.stop()
    } finally {
      Object.assign(messageRateLimit, saved)
    }
  })

  it('a message posted outside the socket (a plain form post) reaches the room through the outbox relay', async () => {
    const s = await client(bp.admin)
    const received: MessageDto[] = []
    const start = (await listMessages(bp.admin, threadId)).lastSeq
    const sync = new ThreadSync(s, { threadId, lastSeq: start, onMessages: (ms) => received.push(...ms) })
    await new Promise((r) => setTimeout(r, 200))
    const posted = await postMessage(nw.member, { threadId, body: 'Sent from the form', clientId: 'form-1' })
    await waitFor(() => received.find((m) => m.id === posted.message.id), { what: 'the relayed message' })
    sync.stop()
  })
})

describe('live notifications', () => {
  it("rings the receiver's bell live when a referral arrives", async () => {
    const s = await client(bp.member)
    const bell = nextEvent<{ type: string; payload: { unread: number } }>(s, 'event', (e) => e.type === 'notification.created', 15_000)
    await submitReferral(nw.admin, { toOrg: bp.org.slug, accountName: 'Bell Co', accountDomain: 'bell.example.com', need: 'Ring the bell please', feeType: 'none' })
    const event = await bell
    expect(event.payload.unread).toBeGreaterThanOrEqual(1)
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where user_id = ${bp.member.userId} and read_at is null`)
    expect(Number(rows[0]!.n)).toBe(event.payload.unread)
  })
})

const REDIS_URL = process.env.REDIS_URL
describe.skipIf(!REDIS_URL)('two nodes through Redis', () => {
  let second: Node
  let first: Node
  beforeAll(async () => {
    // The plain node above has no Redis adapter: if its relay held the outbox lease, its emits
    // would never reach the Redis nodes. In production every node has the same adapter.
    await node.workers?.stop()
    first = await startNode({ redisUrl: REDIS_URL })
    second = await startNode({ redisUrl: REDIS_URL })
  })
  afterAll(async () => {
    // Let the disconnects' presence updates go out before the Redis clients close.
    for (const s of sockets) s.disconnect()
    await new Promise((r) => setTimeout(r, 500))
    await second?.close()
    await first?.close()
  })

  it('messages, typing and notifications cross nodes', { timeout: 90_000 }, async () => {
    // nw.admin used up its message budget in the flood test above: send as the member.
    const a = await client(nw.member, first.url)
    const b = await client(bp.admin, second.url)
    const r = await submitReferral(nw.admin, { toOrg: bp.org.slug, accountName: 'Two Nodes', accountDomain: 'twonodes.example.com', need: 'Cross the nodes', feeType: 'none' })
    const tid = (await findThread(db, 'referral', r.id))!.id
    await request(a, 'thread:join', { threadId: tid, lastSeq: 0 })
    await request(b, 'thread:join', { threadId: tid, lastSeq: 0 })
    const incoming = nextEvent<MessageDto>(b, 'message:new', (m) => m.threadId === tid)
    const typing = nextEvent<{ userId: string }>(b, 'typing')
    await request(a, 'typing', { threadId: tid, typing: true })
    expect((await typing).userId).toBe(nw.member.userId)
    expect(await request(a, 'message:send', { threadId: tid, body: 'across nodes', clientId: 'x-node' })).toMatchObject({ ok: true })
    expect((await incoming).body).toBe('across nodes')

    const bell = nextEvent<{ type: string }>(b, 'event', (e) => e.type === 'notification.created', 45_000)
    await submitReferral(nw.admin, { toOrg: bp.org.slug, accountName: 'Two Nodes Bell', accountDomain: 'bell2.example.com', need: 'Ring across nodes', feeType: 'none' })
    await bell
    expect(await db.select().from(messages).where(eq(messages.threadId, tid))).toHaveLength(1)
  })
})
