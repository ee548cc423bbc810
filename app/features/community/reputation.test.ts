import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { communityReactions } from '#db/schema/community.ts'
import { referrals } from '#db/schema/pipeline.ts'
import { endorsements } from '#db/schema/referrals.ts'
import { REACTIONS } from '#db/schema/community.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { moderatePost } from '#app/features/community/moderation.server.ts'
import { orgReputationScores, reputationFor, REPUTATION_WEIGHTS } from '#app/features/community/reputation.server.ts'
import { createSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, getTopic, postReply } from '#app/features/community/topics.server.ts'

const run = Date.now().toString(36)

describe('community reputation', () => {
  it('matches an independent count on fixture data, for people and organizations', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: `Rep A ${run}` })
    const b = await createPartner({ name: `Rep B ${run}` })
    const c = await createPartner({ name: `Rep C ${run}` })
    const space = await createSpace(vendor.admin, { name: `Reputation ${run}`, slug: `rep-${run}`, visibility: 'partners' })

    // The fixture, kept as plain data for the independent count below.
    type Post = { id: string; userId: string; orgId: string; published: boolean }
    const posts: Post[] = []
    const accepted: { replyId: string; askerUserId: string; askerOrgId: string }[] = []
    const reactions: { postId: string; userId: string }[] = []
    const endorsed: { toOrgId: string; won: boolean }[] = []

    const q1 = await createTopic(a.member, space.slug, { kind: 'question', title: 'Question one', body: 'How?' })
    const q2 = await createTopic(c.member, space.slug, { kind: 'question', title: 'Question two', body: 'Why?' })
    const q3 = await createTopic(a.admin, space.slug, { kind: 'question', title: 'Question three', body: 'When?' })
    posts.push(
      { id: q1.id, userId: a.member.userId, orgId: a.org.id, published: true },
      { id: q2.id, userId: c.member.userId, orgId: c.org.id, published: true },
      { id: q3.id, userId: a.admin.userId, orgId: a.org.id, published: true },
    )
    const r1 = await postReply(b.member, q1.id, { body: 'Like this' })
    const r2 = await postReply(b.admin, q2.id, { body: 'Because' })
    const r3 = await postReply(a.member, q3.id, { body: 'Tomorrow (a colleague answering)' })
    const r4 = await postReply(c.member, q1.id, { body: 'Another way' })
    const r5 = await postReply(vendor.member, q2.id, { body: 'The team says' })
    for (const [r, actor] of [
      [r1, b.member],
      [r2, b.admin],
      [r3, a.member],
      [r4, c.member],
      [r5, vendor.member],
    ] as const)
      posts.push({ id: r.id, userId: actor.userId, orgId: actor.orgId, published: true })

    await acceptAnswer(a.member, q1.id, r1.id) // b.member, for B
    await acceptAnswer(c.member, q2.id, r2.id) // b.admin, for B
    await acceptAnswer(a.admin, q3.id, r3.id) // a colleague in the same organization: counts for the person, not the organization
    accepted.push(
      { replyId: r1.id, askerUserId: a.member.userId, askerOrgId: a.org.id },
      { replyId: r2.id, askerUserId: c.member.userId, askerOrgId: c.org.id },
      { replyId: r3.id, askerUserId: a.admin.userId, askerOrgId: a.org.id },
    )

    const react = async (postId: string, userId: string, reaction: (typeof REACTIONS)[number] = 'thumbs_up') => {
      const topicId =
        posts.find((p) => p.id === postId)!.id === postId && [q1.id, q2.id, q3.id].includes(postId)
          ? postId
          : [r1, r4].some((r) => r.id === postId)
            ? q1.id
            : [r2, r5].some((r) => r.id === postId)
              ? q2.id
              : q3.id
      await db.insert(communityReactions).values({ postId, topicId, userId, reaction })
      reactions.push({ postId, userId })
    }
    await react(r1.id, a.member.userId)
    await react(r1.id, a.member.userId, 'heart')
    await react(r1.id, c.admin.userId)
    await react(r1.id, b.member.userId) // the author's own: does not count
    await react(r1.id, b.admin.userId) // a colleague's: counts
    await react(r4.id, a.admin.userId)
    await react(q1.id, c.member.userId)
    await react(r5.id, a.member.userId)
    // A post hidden by the moderators earns nothing.
    await react(r4.id, b.member.userId, 'tada')
    await moderatePost(vendor.member, { postId: r4.id, decision: 'hide', reason: 'Off topic' })
    posts.find((p) => p.id === r4.id)!.published = false

    const referral = async (from: string, to: string, status: 'won' | 'lost', rating: number) => {
      const [ref] = await db
        .insert(referrals)
        .values({ fromOrgId: from, toOrgId: to, accountName: `Account ${run} ${Math.random()}`, status })
        .returning()
      await db.insert(endorsements).values({ referralId: ref!.id, fromOrgId: from, toOrgId: to, rating })
      endorsed.push({ toOrgId: to, won: status === 'won' })
    }
    await referral(a.org.id, b.org.id, 'won', 5)
    await referral(c.org.id, b.org.id, 'won', 3)
    await referral(b.org.id, c.org.id, 'won', 4)
    await referral(b.org.id, a.org.id, 'lost', 5) // not verified: the referral was not won

    // The independent count, straight from the fixture.
    const postOf = (id: string) => posts.find((p) => p.id === id)!
    const expectedUser = (userId: string) => {
      const acc = accepted.filter((x) => postOf(x.replyId).userId === userId && postOf(x.replyId).published && x.askerUserId !== userId).length
      const rx = reactions.filter((x) => postOf(x.postId).userId === userId && postOf(x.postId).published && x.userId !== userId).length
      return { acceptedAnswers: acc, reactions: rx, endorsements: 0, score: 10 * acc + rx }
    }
    const expectedOrg = (orgId: string) => {
      const acc = accepted.filter((x) => postOf(x.replyId).orgId === orgId && postOf(x.replyId).published && x.askerOrgId !== orgId).length
      const rx = reactions.filter((x) => postOf(x.postId).orgId === orgId && postOf(x.postId).published && x.userId !== postOf(x.postId).userId).length
      const en = endorsed.filter((x) => x.toOrgId === orgId && x.won).length
      return { acceptedAnswers: acc, reactions: rx, endorsements: en, score: 10 * acc + rx + 5 * en }
    }

    const people = [a.member, a.admin, b.member, b.admin, c.member, c.admin, vendor.member]
    const orgIds = [a.org.id, b.org.id, c.org.id, vendor.org.id]
    const got = await reputationFor({ userIds: people.map((p) => p.userId), orgIds })
    for (const p of people) expect(got.users.get(p.userId), p.name).toEqual({ id: p.userId, ...expectedUser(p.userId) })
    for (const id of orgIds) expect(got.orgs.get(id), id).toEqual({ id, ...expectedOrg(id) })

    // A few values by hand, so the independent count itself is checked.
    expect(got.users.get(b.member.userId)!.score).toBe(10 + 4) // r1 accepted; a.member ×2, c.admin, b.admin
    expect(got.users.get(a.member.userId)!.score).toBe(10 + 1) // r3 accepted by a colleague; q1 reacted by c.member
    expect(got.orgs.get(b.org.id)!.score).toBe(20 + 4 + 10)
    expect(got.orgs.get(a.org.id)!.score).toBe(0 + 1 + 0) // own colleague's accepted answer and a lost referral's endorsement do not count
    expect(REPUTATION_WEIGHTS).toEqual({ acceptedAnswer: 10, reaction: 1, endorsement: 5 })

    // Search ranking reads scores by organization.
    expect((await orgReputationScores([b.org.id, c.org.id])).get(b.org.id)).toBe(34)
    // Unknown ids score 0; an empty list asks nothing.
    expect((await reputationFor({ userIds: ['nobody'] })).users.get('nobody')!.score).toBe(0)
    expect((await reputationFor({})).users.size).toBe(0)

    // The topic page shows it beside names.
    const page = await getTopic(c.member, space.slug, q1.id)
    expect(page.topic.reputation).toEqual({ user: 11, org: 1 })
    expect(page.replies.find((r) => r.id === r1.id)!.reputation).toEqual({ user: 14, org: 34 })
  }, 120_000)
})
