import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '#app/features/auth/actor.ts'
import { endSession, startSession } from '#app/features/auth/session.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { wakeWorkers } from '#app/core/workers.server.ts'
import { db } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import type { LiveEvent } from '#realtime/relay.server.ts'
import { orgRoom } from '#realtime/rooms.ts'

type Node = Awaited<ReturnType<typeof createAppServer>> & { url: string }

async function startNode(options: { redisUrl?: string; workers?: boolean } = {}): Promise<Node> {
  const node = await createAppServer(options)
  const port = await node.listen(0, '127.0.0.1')
  return Object.assign(node, { url: `http://127.0.0.1:${port}` })
}

async function cookieFor(actor: Actor) {
  const { cookie } = await startSession(actor.userId)
  return cookie.split(';')[0]!
}

type Attempt = { socket: Socket; connected: Promise<void> }

function open(url: string, headers: Record<string, string>): Attempt {
  const socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true, timeout: 10_000 })
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  return { socket, connected }
}

const sockets: Socket[] = []
async function connectAs(node: Node, actor: Actor) {
  const attempt = open(node.url, { origin: node.url, cookie: await cookieFor(actor) })
  sockets.push(attempt.socket)
  await attempt.connected
  return attempt.socket
}

/** Collects every live event a socket receives. */
function inbox(socket: Socket) {
  const events: LiveEvent[] = []
  socket.on('event', (e: LiveEvent) => events.push(e))
  return events
}

async function eventually<T>(fn: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = fn()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Records an event through the outbox, as domain code does, and nudges the relay. */
async function emitThroughOutbox(orgId: string, audience: { orgs?: string[]; users?: string[]; vendor?: boolean }, payload: Record<string, unknown> = {}) {
  const id = await db.transaction((tx) => recordEvent(tx, { type: 'outbox.probe', orgId, subjectType: 'test', subjectId: orgId, payload, audience, audit: false }))
  wakeWorkers()
  return id
}

afterAll(() => {
  for (const s of sockets) s.disconnect()
})

describe('socket.io handshake and rooms (one node, outbox relay)', () => {
  let node: Node
  let northwind: Awaited<ReturnType<typeof createPartner>>
  let bluepeak: Awaited<ReturnType<typeof createPartner>>
  let vendor: Awaited<ReturnType<typeof createVendor>>

  beforeAll(async () => {
    node = await startNode()
    vendor = await createVendor()
    northwind = await createPartner({ name: 'Northwind Test' })
    bluepeak = await createPartner({ name: 'Bluepeak Test' })
  })
  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await node.close()
  })

  it('delivers an event recorded for an org to that org’s sockets, end to end through the outbox', async () => {
    const admin = await connectAs(node, northwind.admin)
    const member = await connectAs(node, northwind.member)
    const stranger = await connectAs(node, bluepeak.admin)
    const [adminInbox, memberInbox, strangerInbox] = [inbox(admin), inbox(member), inbox(stranger)]

    const id = await emitThroughOutbox(northwind.org.id, { orgs: [northwind.org.id] }, { hello: 'northwind' })

    const got = await eventually(() => adminInbox.find((e) => e.id === id), 'the org event at the admin')
    expect(got).toMatchObject({ id, type: 'outbox.probe', subjectType: 'test', subjectId: northwind.org.id, payload: { hello: 'northwind' } })
    expect(new Date(got.at).getTime()).toBeGreaterThan(0)
    await eventually(() => memberInbox.find((e) => e.id === id), 'the org event at the member')
    // A later event for Bluepeak arrives at Bluepeak: by then the Northwind one has long been relayed.
    const later = await emitThroughOutbox(bluepeak.org.id, { orgs: [bluepeak.org.id] })
    await eventually(() => strangerInbox.find((e) => e.id === later), 'the Bluepeak event')
    expect(strangerInbox.map((e) => e.id)).toEqual([later])
  })

  it('delivers user-addressed events to that user only, and vendor events to the vendor team only', async () => {
    const admin = await connectAs(node, northwind.admin)
    const member = await connectAs(node, northwind.member)
    const vendorMember = await connectAs(node, vendor.member)
    const [adminInbox, memberInbox, vendorInbox] = [inbox(admin), inbox(member), inbox(vendorMember)]

    const personal = await emitThroughOutbox(northwind.org.id, { users: [northwind.member.userId] })
    const forVendor = await emitThroughOutbox(northwind.org.id, { vendor: true })
    await eventually(() => memberInbox.find((e) => e.id === personal), 'the personal event')
    await eventually(() => vendorInbox.find((e) => e.id === forVendor), 'the vendor event')
    const fence = await emitThroughOutbox(northwind.org.id, { orgs: [northwind.org.id] })
    await eventually(() => adminInbox.find((e) => e.id === fence), 'the fence event')
    expect(adminInbox.map((e) => e.id)).toEqual([fence])
    expect(memberInbox.map((e) => e.id)).toEqual([personal, fence])
    expect(vendorInbox.map((e) => e.id)).toEqual([forVendor])
  })

  it('refuses a client without a session cookie', async () => {
    const attempt = open(node.url, { origin: node.url })
    sockets.push(attempt.socket)
    await expect(attempt.connected).rejects.toThrow(/unauthorized/)
    expect(attempt.socket.connected).toBe(false)
  })

  it('refuses a client whose session has ended', async () => {
    const { sessionId, cookie } = await startSession(northwind.admin.userId)
    await endSession(sessionId)
    const attempt = open(node.url, { origin: node.url, cookie: cookie.split(';')[0]! })
    sockets.push(attempt.socket)
    await expect(attempt.connected).rejects.toThrow(/unauthorized/)
  })

  it('refuses a valid session from a foreign Origin, or with no Origin at all', async () => {
    const cookie = await cookieFor(northwind.admin)
    const foreign = open(node.url, { origin: 'https://evil.example', cookie })
    const missing = open(node.url, { cookie })
    sockets.push(foreign.socket, missing.socket)
    await expect(foreign.connected).rejects.toThrow(/Origin check failed/)
    await expect(missing.connected).rejects.toThrow(/Origin check failed/)
  })
})

describe.skipIf(!process.env.REDIS_URL)('two app nodes joined by the Redis adapter', () => {
  let a: Node
  let b: Node
  let northwind: Awaited<ReturnType<typeof createPartner>>

  beforeAll(async () => {
    // Node A runs the outbox relay; node B only serves sockets.
    a = await startNode({ redisUrl: process.env.REDIS_URL, workers: true })
    b = await startNode({ redisUrl: process.env.REDIS_URL, workers: false })
    northwind = await createPartner({ name: 'Northwind Redis' })
  })
  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await Promise.all([a?.close(), b?.close()])
  })

  it('an emit on one node reaches a client connected to the other', async () => {
    const onB = await connectAs(b, northwind.admin)
    const received = new Promise<unknown>((resolve) => onB.once('direct', resolve))
    a.io.to(orgRoom(northwind.org.id)).emit('direct', { from: 'node A' })
    await expect(received).resolves.toEqual({ from: 'node A' })
  })

  it('an outbox event relayed by node A reaches a client of node B', async () => {
    const onB = await connectAs(b, northwind.member)
    const events = inbox(onB)
    const id = await emitThroughOutbox(northwind.org.id, { orgs: [northwind.org.id] })
    await eventually(() => events.find((e) => e.id === id), 'the event on node B')
  })
})
