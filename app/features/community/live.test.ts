import type { Socket } from 'socket.io-client'
import { inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityReplies, communityTopics } from '#db/schema/community.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { connectAs, nextEvent, startNode, waitFor, type Node } from '#app/features/messaging/testing.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createSpace, inviteOrgToSpace, removeOrgFromSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, postReply } from '#app/features/community/topics.server.ts'
import { emitWithAck, TopicLive } from '#app/features/community/live-client.ts'
import type { CommunityLiveEvent, TypingNotice, ViewersNotice } from '#app/features/community/live-contract.ts'
import { topicCursor, unreadBySpace, unreadByTopic } from '#app/features/community/reads.server.ts'

type P = Awaited<ReturnType<typeof createPartner>>
const run = Date.now().toString(36)
let node: Node
let vendor: Awaited<ReturnType<typeof createVendor>>
let member: P
let bystander: P
let outsider: P
let privateSpace: Awaited<ReturnType<typeof createSpace>>
let openSpace: Awaited<ReturnType<typeof createSpace>>
const sockets: Socket[] = []

async function client(actor: Actor) {
  const s = await connectAs(node.url, actor)
  sockets.push(s)
  return s
}

/** A live topic client that records everything it receives. */
function follow(socket: Socket, topicId: string, cursor = { id: 0, txid: 0 }) {
  const got = { events: [] as CommunityLiveEvent[], viewers: [] as ViewersNotice[], typing: [] as TypingNotice[], errors: [] as string[] }
  const live = new TopicLive(socket, {
    topicId,
    cursor,
    onEvents: (e) => got.events.push(...e),
    onViewers: (v) => got.viewers.push(v),
    onTyping: (t) => got.typing.push(t),
    onError: (e) => got.errors.push(e),
  })
  return { live, got }
}

beforeAll(async () => {
  node = await startNode()
  vendor = await createVendor()
  member = await createPartner({ name: `Live member ${run}` })
  bystander = await createPartner({ name: `Live bystander ${run}` })
  outsider = await createPartner({ name: `Live outsider ${run}` })
  privateSpace = await createSpace(vendor.admin, { name: `Live private ${run}`, slug: `live-private-${run}`, visibility: 'orgs' })
  await inviteOrgToSpace(vendor.admin, privateSpace.id, { org: member.org.id })
  openSpace = await createSpace(vendor.admin, { name: `Live open ${run}`, slug: `live-open-${run}`, visibility: 'partners' })
})

// These tests post faster than a person may: the moderation holds (a new member's daily
// allowance, the per-minute limit) are moderation.test.ts's subject. Here everyone is an
// established member, and the posts of earlier tests are out of the rate-limit windows.
beforeEach(async () => {
  const ids = [vendor, member, bystander, outsider].flatMap((o) => [o.admin.userId, o.member.userId])
  await db
    .update(users)
    .set({ createdAt: sql`now() - interval '30 days'` })
    .where(inArray(users.id, ids))
  await db
    .update(communityTopics)
    .set({ createdAt: sql`${communityTopics.createdAt} - interval '2 days'` })
    .where(inArray(communityTopics.authorUserId, ids))
  await db
    .update(communityReplies)
    .set({ createdAt: sql`${communityReplies.createdAt} - interval '2 days'` })
    .where(inArray(communityReplies.authorUserId, ids))
})

afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await node?.close()
})

describe('live topic', () => {
  it('a reply reaches every viewer of an open space, including organizations not taking part in the topic', async () => {
    const topic = await createTopic(member.admin, openSpace.slug, { kind: 'question', title: 'How do you map accounts?', body: 'Curious.' })
    const viewer = await client(bystander.member)
    const { live, got } = follow(viewer, topic.id, await topicCursor(topic.id))
    expect(await live.start().watch()).toBe(true)
    const reply = await postReply(member.member, topic.id, { body: 'With the overlap tool.' })
    await waitFor(() => got.events.find((e) => e.type === 'community.reply_posted'), { what: 'the reply event' })
    expect(got.events.filter((e) => e.type === 'community.reply_posted').map((e) => e.payload.replyId)).toEqual([reply.id])
    await acceptAnswer(member.admin, topic.id, reply.id)
    await waitFor(() => got.events.find((e) => e.type === 'community.answer_accepted'), { what: 'the accepted answer' })
    live.stop()
  })

  it('shows who is viewing and who is typing, to the others only', async () => {
    const topic = await createTopic(member.admin, openSpace.slug, { kind: 'discussion', title: 'Typing and viewers', body: 'Hello' })
    const a = follow(await client(member.admin), topic.id)
    const b = follow(await client(bystander.admin), topic.id)
    await a.live.start().watch()
    await b.live.start().watch()
    await waitFor(() => a.got.viewers.find((v) => v.count === 2), { what: 'two viewers' })
    expect(
      a.got.viewers
        .at(-1)!
        .users.map((u) => u.userId)
        .sort(),
    ).toEqual([member.admin.userId, bystander.admin.userId].sort())
    b.live.typing(true)
    const typing = await waitFor(() => a.got.typing.find((t) => t.typing), { what: 'typing' })
    expect(typing).toMatchObject({ userId: bystander.admin.userId, name: bystander.admin.name })
    expect(b.got.typing).toEqual([])
    b.live.stop()
    await waitFor(() => a.got.viewers.at(-1)?.count === 1, { what: 'one viewer left' })
    a.live.stop()
  })

  it('a reconnecting client gets exactly the events it missed, in order, once', async () => {
    const topic = await createTopic(member.admin, privateSpace.slug, { kind: 'question', title: 'Reconnect question', body: 'Q' })
    const first = await postReply(member.admin, topic.id, { body: 'first' })
    const socket = await client(member.member)
    const { live, got } = follow(socket, topic.id, await topicCursor(topic.id))
    await live.start().watch()
    // The cursor reads only what the relay may already have sent, so under load the first reply
    // can still come as catch-up: what matters is that every reply comes, once.
    const second = await postReply(member.admin, topic.id, { body: 'second' })
    await waitFor(() => got.events.some((e) => e.payload.replyId === second.id), { what: 'the second reply live' })
    live.stop()
    socket.disconnect()
    // While it is away: two replies and an accepted answer.
    const third = await postReply(member.admin, topic.id, { body: 'third' })
    const fourth = await postReply(vendor.admin, topic.id, { body: 'fourth' })
    await acceptAnswer(member.admin, topic.id, first.id)
    const again = await client(member.member)
    const resumed = follow(again, topic.id, live.cursor)
    await resumed.live.start().watch()
    expect(resumed.got.events.map((e) => [e.type, e.payload.replyId])).toEqual([
      ['community.reply_posted', third.id],
      ['community.reply_posted', fourth.id],
      ['community.answer_accepted', first.id],
    ])
    // Only replies are counted here: under load the topic's own earlier events can also come as catch-up.
    const replies = got.events.filter((e) => e.type === 'community.reply_posted')
    expect(replies.map((e) => e.payload.replyId).filter((id) => id !== first.id)).toEqual([second.id])
    expect(new Set(got.events.map((e) => e.id)).size).toBe(got.events.length)
    // Nothing arrives twice once the relay catches up with the same events.
    await new Promise((r) => setTimeout(r, 500))
    expect(resumed.got.events).toHaveLength(3)
    resumed.live.stop()
  })

  it('parses every socket event: a bad payload gets a clear error and nothing happens', async () => {
    const s = await client(member.admin)
    expect(await emitWithAck(s, 'community:watch', { topicId: '' })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await emitWithAck(s, 'community:watch', { topicId: 'x', extra: 1 })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await emitWithAck(s, 'community:watch', { topicId: 'x', afterEventId: -1 })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await emitWithAck(s, 'community:typing', { topicId: 'x', typing: 'yes' })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await emitWithAck(s, 'community:watch-spaces', { spaceIds: [] })).toMatchObject({ ok: false, code: 'invalid' })
    expect(await emitWithAck(s, 'community:read', { topicId: 'x', readCount: 1.5 })).toMatchObject({ ok: false, code: 'invalid' })
    const topic = await createTopic(member.admin, openSpace.slug, { kind: 'discussion', title: 'Cursor of another topic', body: 'x' })
    const other = await createTopic(member.admin, openSpace.slug, { kind: 'discussion', title: 'Another topic', body: 'x' })
    const cursor = await topicCursor(other.id)
    expect(await emitWithAck(s, 'community:watch', { topicId: topic.id, afterEventId: cursor.id })).toMatchObject({ ok: false, code: 'invalid' })
    const bad = nextEvent<{ event: string; error: string }>(s, 'error:payload')
    s.emit('community:typing', { nope: true })
    expect((await bad).event).toBe('community:typing')
  })

  it('a person who cannot see a private space cannot join its rooms, type, read or hear anything from it', async () => {
    const topic = await createTopic(member.admin, privateSpace.slug, { kind: 'discussion', title: 'Private plans', body: 'secret' })
    const stranger = await client(outsider.admin)
    const heard: unknown[] = []
    stranger.onAny((name, payload) => heard.push([name, payload]))
    expect(await emitWithAck(stranger, 'community:watch', { topicId: topic.id, afterEventId: 0 })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await emitWithAck(stranger, 'community:watch-spaces', { spaceIds: [privateSpace.id, openSpace.id] })).toEqual({ ok: true, spaceIds: [openSpace.id] })
    expect(await emitWithAck(stranger, 'community:typing', { topicId: topic.id, typing: true })).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await emitWithAck(stranger, 'community:read', { topicId: topic.id, readCount: 1 })).toMatchObject({ ok: false, code: 'not_found' })
    const insider = follow(await client(member.admin), topic.id, await topicCursor(topic.id))
    await insider.live.start().watch()
    const secret = await postReply(member.member, topic.id, { body: 'still secret' })
    await waitFor(() => insider.got.events.some((e) => e.payload.replyId === secret.id), { what: 'the insider hears the reply' })
    await new Promise((r) => setTimeout(r, 300))
    // (The open space's events may still be relayed from the tests before: only the private space's count.)
    expect(heard.filter((h) => JSON.stringify(h).includes(privateSpace.id) || JSON.stringify(h).includes(topic.id))).toEqual([])
    insider.live.stop()
  })

  it('an organization taken out of a private space leaves its rooms and hears nothing more', async () => {
    const other = await createPartner({ name: `Live removed ${run}` })
    await inviteOrgToSpace(vendor.admin, privateSpace.id, { org: other.org.id })
    const topic = await createTopic(member.admin, privateSpace.slug, { kind: 'discussion', title: 'Before and after', body: 'x' })
    const socket = await client(other.admin)
    const { live, got } = follow(socket, topic.id, await topicCursor(topic.id))
    await live.start().watch()
    await emitWithAck(socket, 'community:watch-spaces', { spaceIds: [privateSpace.id] })
    const gone = nextEvent<{ spaceId: string }>(socket, 'community:space-gone')
    await removeOrgFromSpace(vendor.admin, privateSpace.id, other.org.id)
    expect((await gone).spaceId).toBe(privateSpace.id)
    // Only replies count: an event recorded before the removal (the topic's creation, caught up
    // late under load) may still arrive; nothing said after it may.
    const repliesHeard = () => got.events.filter((e) => e.payload.replyId).length
    const heardBefore = repliesHeard()
    const watcher = follow(await client(member.admin), topic.id, await topicCursor(topic.id))
    await watcher.live.start().watch()
    const after = await postReply(member.admin, topic.id, { body: 'after the removal' })
    await waitFor(() => watcher.got.events.some((e) => e.payload.replyId === after.id), { what: 'a member hears it' })
    await new Promise((r) => setTimeout(r, 300))
    expect(got.events.some((e) => e.payload.replyId === after.id)).toBe(false)
    expect(repliesHeard()).toBe(heardBefore)
    live.stop()
    watcher.live.stop()
  })
})

describe('read tracking', () => {
  it('counts unread topics per space and replies per topic, and a read position only moves forward', async () => {
    const space = await createSpace(vendor.admin, { name: `Reads ${run}`, slug: `reads-${run}`, visibility: 'partners' })
    const t1 = await createTopic(member.admin, space.slug, { kind: 'discussion', title: 'Read me first', body: 'x' })
    const t2 = await createTopic(member.admin, space.slug, { kind: 'discussion', title: 'Read me second', body: 'x' })
    await postReply(member.admin, t1.id, { body: 'one' })
    await postReply(member.admin, t1.id, { body: 'two' })
    const reader = bystander.member
    expect((await unreadBySpace(reader))[space.id]).toBe(2)
    expect(await unreadByTopic(reader, [t1.id, t2.id])).toEqual({ [t1.id]: { unread: 2, isNew: true }, [t2.id]: { unread: 0, isNew: true } })

    const s = await client(reader)
    expect(await emitWithAck(s, 'community:read', { topicId: t1.id, readCount: 1 })).toMatchObject({ ok: true, readCount: 1, unread: 1 })
    expect(await emitWithAck(s, 'community:read', { topicId: t1.id, readCount: 0 })).toMatchObject({ ok: true, readCount: 1, unread: 1 })
    expect(await emitWithAck(s, 'community:read', { topicId: t1.id, readCount: 99 })).toMatchObject({ ok: true, readCount: 2, unread: 0 })
    expect(await emitWithAck(s, 'community:read', { topicId: t2.id, readCount: 0 })).toMatchObject({ ok: true, unread: 0 })
    expect((await unreadBySpace(reader))[space.id]).toBeUndefined()
    await postReply(member.admin, t2.id, { body: 'new' })
    expect((await unreadBySpace(reader))[space.id]).toBe(1)
    expect((await unreadByTopic(reader, [t2.id]))[t2.id]).toEqual({ unread: 1, isNew: false })
    // Someone else's position is their own.
    expect((await unreadBySpace(bystander.admin))[space.id]).toBe(2)
    // The private space is not counted for an outsider at all.
    expect(Object.keys(await unreadBySpace(outsider.admin))).not.toContain(privateSpace.id)
  })
})
