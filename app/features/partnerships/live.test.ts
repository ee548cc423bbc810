import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPartner, type createVendor } from '#tests/factories/index.ts'
import { dateInDays } from '#tests/factories/dates.ts'
import { createPartnershipWithDraft, signByBoth } from '#tests/factories/partnerships.ts'
import { connectAs, nextEvent, startNode, type Node } from '#app/features/messaging/testing.server.ts'
import { addCommitment, setCommitmentStatus } from '#app/features/partnerships/plans.server.ts'

/**
 * `partnership:watch` with real socket.io clients on a real app node: only the partnership's two
 * organizations and the vendor's team join its room; anyone else is refused, is never listed as a
 * viewer and receives nothing about it (neither the viewers nor the live changes).
 */

type Partner = Awaited<ReturnType<typeof createPartner>>
let node: Node
let vendor: Awaited<ReturnType<typeof createVendor>>
let side: Partner
let outsider: Partner
let partnershipId: string
let commitmentId: string
const sockets: Socket[] = []

async function client(actor: Partner['admin']) {
  const s = await connectAs(node.url, actor)
  sockets.push(s)
  return s
}

function ack(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; code?: string; error?: string }> {
  return new Promise((resolve) => socket.timeout(10_000).emit(event, payload, (err: Error | null, reply: { ok: boolean; code?: string }) => resolve(err ? { ok: false, code: 'timeout' } : reply)))
}

beforeAll(async () => {
  const { draftId, ...made } = await createPartnershipWithDraft('Live Side')
  ;({ vendor, side, partnershipId } = made)
  outsider = await createPartner({ name: 'Live Outsider' })
  commitmentId = (await addCommitment(side.admin, partnershipId, { ownerOrgId: side.org.id, kind: 'certifications', title: 'Certify engineers', dueAt: dateInDays(30) })).id
  await signByBoth(draftId, vendor.admin, side.admin)
  node = await startNode()
}, 120_000)

afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await node?.close()
})

describe('partnership:watch (tenancy, real sockets)', () => {
  it('a user outside the partnership cannot join its room, is not listed as a viewer and receives nothing from it', async () => {
    const stranger = await client(outsider.admin)
    const heard: { event: string; payload: unknown }[] = []
    stranger.onAny((event: string, payload: unknown) => heard.push({ event, payload }))

    // Refused as if the partnership did not exist; a malformed payload is refused too.
    expect(await ack(stranger, 'partnership:watch', { partnershipId })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await ack(stranger, 'partnership:watch', { partnershipId: '' })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await ack(stranger, 'partnership:watch', 'not an object')).toMatchObject({ ok: false, code: 'invalid' })
    stranger.emit('partnership:unwatch', { partnershipId })

    // The two parties' people join and see each other, never the stranger.
    const partnerSocket = await client(side.admin)
    const vendorSocket = await client(vendor.member)
    expect(await ack(partnerSocket, 'partnership:watch', { partnershipId })).toEqual({ ok: true })
    const both = nextEvent<{ partnershipId: string; users: { userId: string }[] }>(partnerSocket, 'partnership:viewers', (m) => m.users.length === 2)
    expect(await ack(vendorSocket, 'partnership:watch', { partnershipId })).toEqual({ ok: true })
    const viewers = await both
    expect(viewers.users.map((u) => u.userId).sort()).toEqual([side.admin.userId, vendor.member.userId].sort())

    // A commitment's status changes: the parties hear it live, the stranger does not.
    const live = nextEvent<{ type: string; subjectId: string }>(vendorSocket, 'event', (e) => e.type === 'partnership.commitment.status_changed' && e.subjectId === partnershipId, 20_000)
    await setCommitmentStatus(side.admin, { commitmentId, status: 'met' })
    await live
    await new Promise((r) => setTimeout(r, 500))
    const leaked = heard.filter((h) => JSON.stringify(h.payload ?? null).includes(partnershipId))
    expect(leaked).toEqual([])
    expect(heard.filter((h) => h.event === 'partnership:viewers')).toEqual([])
  }, 60_000)

  it('"X is typing" on the plan reaches the others watching it, never an outsider; typing without watching is refused', async () => {
    const stranger = await client(outsider.admin)
    const heard: string[] = []
    stranger.on('partnership:typing', (m: { partnershipId: string }) => heard.push(m.partnershipId))
    expect(await ack(stranger, 'partnership:typing', { partnershipId, typing: true })).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await ack(stranger, 'partnership:typing', { partnershipId, typing: 'yes' })).toMatchObject({ ok: false, code: 'invalid' })

    const partnerSocket = await client(side.admin)
    const vendorSocket = await client(vendor.member)
    // Typing before watching is refused too (nobody would be told).
    expect(await ack(partnerSocket, 'partnership:typing', { partnershipId, typing: true })).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await ack(partnerSocket, 'partnership:watch', { partnershipId })).toEqual({ ok: true })
    expect(await ack(vendorSocket, 'partnership:watch', { partnershipId })).toEqual({ ok: true })
    const told = nextEvent<{ partnershipId: string; userId: string; name: string; typing: boolean }>(vendorSocket, 'partnership:typing')
    expect(await ack(partnerSocket, 'partnership:typing', { partnershipId, typing: true })).toEqual({ ok: true })
    expect(await told).toMatchObject({ partnershipId, userId: side.admin.userId, typing: true })
    await new Promise((r) => setTimeout(r, 300))
    expect(heard).toEqual([])
  }, 60_000)
})
