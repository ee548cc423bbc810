import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { domainEvents } from '#db/schema/platform.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { moderatePost, moveTopic } from '#app/features/community/moderation.server.ts'
import { NEW_MEMBER_POSTS_PER_DAY } from '#app/features/community/moderation-schemas.ts'
import { handleOf } from '#app/features/community/post-schemas.ts'
import { setFollow } from '#app/features/community/posts.server.ts'
import { COMMUNITY_SEARCH_CONSUMER, handleCommunitySearchEvents, searchCommunity } from '#app/features/community/search.server.ts'
import { createSpace } from '#app/features/community/spaces.server.ts'
import { createTopic, postReply } from '#app/features/community/topics.server.ts'

/** Moderation meeting the other community capabilities: follows and mentions, and search. */

const run = Date.now().toString(36)
const word = `zm${run}`

async function sync() {
  for (let i = 0; i < 50; i++) {
    const n = await processBatch(COMMUNITY_SEARCH_CONSUMER, (events, tx) => handleCommunitySearchEvents(events, tx))
    if (!n) return
  }
}

async function eventsOf(type: string, subjectId: string) {
  return db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.type, type), eq(domainEvents.subjectId, subjectId)))
}

describe('a held post and community-posts', () => {
  it('notifies followers and the mentioned only when a moderator publishes it', async () => {
    const vendor = await createVendor()
    const asker = await createPartner({ name: `Held asker ${run}` })
    const newcomer = await createPartner({ name: `Held newcomer ${run}` })
    const follower = await createPartner({ name: `Held follower ${run}` })
    const space = await createSpace(vendor.admin, { name: `Held ${run}`, slug: `held-${run}`, visibility: 'partners' })
    const topic = await createTopic(asker.admin, space.slug, { kind: 'discussion', title: 'Followed topic', body: 'Hello' })
    await setFollow(follower.member, space.slug, topic.id, { follow: 'topic' })
    // A new member's posts beyond the daily allowance are held.
    for (let i = 0; i < NEW_MEMBER_POSTS_PER_DAY; i++) await postReply(newcomer.admin, topic.id, { body: `Note ${i}` })
    const before = (await eventsOf('community.followed_activity', topic.id)).length
    const held = await postReply(newcomer.admin, topic.id, { body: `Asking @${handleOf(asker.member.name)} too` })
    expect(held.state).toBe('held')
    expect(await eventsOf('community.followed_activity', topic.id)).toHaveLength(before)
    const mentions = (await eventsOf('community.mentioned', topic.id)).filter((e) => (e.payload as { postId: string }).postId === held.id)
    expect(mentions).toEqual([])

    await moderatePost(vendor.admin, { postId: held.id, decision: 'restore', reason: 'Fine' })
    const followed = (await eventsOf('community.followed_activity', topic.id)).filter((e) => (e.payload as { postId: string }).postId === held.id)
    expect(followed).toHaveLength(1)
    expect((followed[0]!.payload as { userIds: string[] }).userIds).toContain(follower.member.userId)
    expect(followed[0]!.actorId).toBe(newcomer.admin.userId)
    const mentioned = (await eventsOf('community.mentioned', topic.id)).filter((e) => (e.payload as { postId: string }).postId === held.id)
    expect(mentioned).toHaveLength(1)
    expect((mentioned[0]!.payload as { userIds: string[] }).userIds).toContain(asker.member.userId)
  })
})

describe('community search and moderation', () => {
  it('finds a segment space only for the partners it matches; skips held posts, drops hidden ones and re-adds them on restore, follows a move', async () => {
    const vendor = await createVendor()
    const gold = await createPartner({ name: `Gold ${run}`, tier: 'gold', regions: ['EMEA'], partnerType: 'msp' })
    const silver = await createPartner({ name: `Silver ${run}`, tier: 'silver', regions: ['EMEA'], partnerType: 'msp' })
    const segment = await createSpace(vendor.admin, { name: `Gold EMEA ${run}`, slug: `gold-emea-${run}`, visibility: 'segment', tiers: ['gold'], regions: ['EMEA', 'NA'] })
    const open = await createSpace(vendor.admin, { name: `Open ${run}`, slug: `open-${run}`, visibility: 'partners' })
    const topic = await createTopic(gold.admin, segment.slug, { kind: 'question', title: `Segment ${word} question`, body: 'For gold partners' })
    await sync()
    expect((await searchCommunity(gold.member, { q: word })).hits.map((h) => h.topicId)).toEqual([topic.id])
    expect((await searchCommunity(silver.member, { q: word })).total).toBe(0)
    expect((await searchCommunity(vendor.member, { q: word })).total).toBe(1)

    // Held: not indexed; published by a moderator: indexed.
    await db
      .update(users)
      .set({ createdAt: sql`now() - interval '30 days'` })
      .where(eq(users.id, gold.admin.userId))
    const spam = await createTopic(gold.admin, open.slug, { kind: 'discussion', title: `Spam ${word}`, body: Array.from({ length: 8 }, (_, i) => `https://example.com/${i}`).join(' ') })
    expect(spam.state).toBe('held')
    await sync()
    expect((await searchCommunity(vendor.member, { q: `Spam ${word}` })).total).toBe(0)
    await moderatePost(vendor.admin, { postId: spam.id, decision: 'restore', reason: 'Links are fine' })
    await sync()
    expect((await searchCommunity(silver.member, { q: `Spam ${word}` })).hits.map((h) => h.topicId)).toEqual([spam.id])

    // Hidden: dropped; restored: back.
    await moderatePost(vendor.admin, { postId: topic.id, decision: 'hide', reason: 'Off topic' })
    await sync()
    expect((await searchCommunity(gold.member, { q: `Segment ${word}` })).total).toBe(0)
    await moderatePost(vendor.admin, { postId: topic.id, decision: 'restore', reason: 'On second thought' })
    await sync()
    expect((await searchCommunity(gold.member, { q: `Segment ${word}` })).total).toBe(1)

    // Moved to the open space: its documents follow, and now everyone finds it.
    await moveTopic(vendor.admin, topic.id, { spaceId: open.id, reason: 'For everyone' })
    await sync()
    const moved = await searchCommunity(silver.member, { q: `Segment ${word}` })
    expect(moved.hits.map((h) => [h.topicId, h.spaceId])).toEqual([[topic.id, open.id]])
  })
})
