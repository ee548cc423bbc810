import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import {
  communityModeration,
  communityReactions,
  communityReplies,
  communityRequestConversions,
  communitySpaces,
  communityTopics,
  type ModerationAction,
  type TopicKind,
} from '#db/schema/community.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { computeSummary } from '#app/features/analytics/metrics.server.ts'
import { createId } from '#app/utils/id.ts'

/**
 * The community KPIs of docs/metrics.md on hand-made posts (with their own times, in 2031 so
 * nothing else in the database falls in the period), checked twice: against an independent
 * JavaScript calculation written from the definitions, and against numbers worked out by hand.
 */

const at = (iso: string) => new Date(`${iso}Z`)
const period = { from: at('2031-01-01T00:00:00'), to: at('2031-02-01T00:00:00') }

type T = { key: string; kind: TopicKind; author: string; createdAt: Date; accepted?: { reply: string; at: Date } }
type R = { key: string; topic: string; author: string; createdAt: Date }
type M = { post: string; action: ModerationAction; at: Date }

describe('community KPIs', () => {
  it('computes each definition on fixture data', async () => {
    const vendor = await createVendor()
    const [a, b, c, d] = [await createPartner(), await createPartner(), await createPartner(), await createPartner()]
    const people = {
      aMember: a.member,
      aAdmin: a.admin,
      bMember: b.member,
      bAdmin: b.admin,
      cMember: c.member,
      cAdmin: c.admin,
      dMember: d.member,
      dAdmin: d.admin,
      vMember: vendor.member,
      vAdmin: vendor.admin,
    }
    type P = keyof typeof people
    const topics: (T & { author: P })[] = [
      { key: 't1', kind: 'question', author: 'aMember', createdAt: at('2031-01-05T00:00:00'), accepted: { reply: 't1-b', at: at('2031-01-06T00:00:00') } },
      { key: 't2', kind: 'question', author: 'bMember', createdAt: at('2031-01-10T00:00:00'), accepted: { reply: 't2-v', at: at('2031-02-03T00:00:00') } },
      { key: 't3', kind: 'question', author: 'aAdmin', createdAt: at('2031-01-20T00:00:00') },
      { key: 't4', kind: 'question', author: 'bMember', createdAt: at('2030-12-20T00:00:00'), accepted: { reply: 't4-v', at: at('2031-01-02T00:00:00') } },
      { key: 't5', kind: 'discussion', author: 'cMember', createdAt: at('2031-01-15T00:00:00') },
      { key: 't6', kind: 'discussion', author: 'vMember', createdAt: at('2031-01-25T00:00:00') },
      { key: 't7', kind: 'discussion', author: 'dAdmin', createdAt: at('2031-01-26T00:00:00') },
      { key: 't8', kind: 'request', author: 'aMember', createdAt: at('2031-01-12T00:00:00') },
      { key: 't9', kind: 'request', author: 'bAdmin', createdAt: at('2031-01-13T00:00:00') },
      { key: 't10', kind: 'request', author: 'bAdmin', createdAt: at('2030-12-10T00:00:00') },
    ]
    const replies: (R & { author: P })[] = [
      { key: 't1-self', topic: 't1', author: 'aMember', createdAt: at('2031-01-05T01:00:00') },
      { key: 't1-v', topic: 't1', author: 'vAdmin', createdAt: at('2031-01-05T02:00:00') },
      { key: 't1-b', topic: 't1', author: 'bAdmin', createdAt: at('2031-01-05T03:00:00') },
      { key: 't1-c', topic: 't1', author: 'cAdmin', createdAt: at('2031-01-05T04:00:00') },
      { key: 't2-v', topic: 't2', author: 'vAdmin', createdAt: at('2031-01-10T06:00:00') },
      { key: 't4-v', topic: 't4', author: 'vAdmin', createdAt: at('2030-12-21T00:00:00') },
      { key: 't8-b', topic: 't8', author: 'bAdmin', createdAt: at('2031-01-12T05:00:00') },
    ]
    const moderation: M[] = [
      { post: 't1-c', action: 'hold', at: at('2031-01-05T04:00:00') },
      { post: 't5', action: 'hide', at: at('2031-01-16T00:00:00') },
      { post: 't6', action: 'hide', at: at('2031-01-26T00:00:00') },
      { post: 't6', action: 'restore', at: at('2031-01-27T00:00:00') },
      { post: 't7', action: 'hide', at: at('2031-02-05T00:00:00') },
    ]
    const reactions = [
      { post: 't1', user: 'dMember' as P, at: at('2031-01-07T00:00:00') },
      { post: 't1-b', user: 'aMember' as P, at: at('2031-01-07T00:00:00') },
      { post: 't1', user: 'cMember' as P, at: at('2030-12-31T23:59:59') },
    ]
    const conversions = [
      { topic: 't8', reply: 't8-b', at: at('2031-01-14T00:00:00') },
      { topic: 't9', reply: null, at: at('2031-02-02T00:00:00') },
      { topic: 't10', reply: null, at: at('2031-01-03T00:00:00') },
    ]

    // Into the database.
    const id = new Map<string, string>()
    for (const x of [...topics, ...replies]) id.set(x.key, createId())
    const [space] = await db
      .insert(communitySpaces)
      .values({ name: 'KPIs', slug: `kpis-${createId(6).toLowerCase()}`, visibility: 'partners' })
      .returning()
    const request = { need: 'help', region: null, industry: null, skills: [], deadline: null }
    for (const t of topics)
      await db.insert(communityTopics).values({
        id: id.get(t.key)!,
        spaceId: space!.id,
        kind: t.kind,
        title: t.key,
        body: t.key,
        authorUserId: people[t.author].userId,
        authorOrgId: people[t.author].orgId,
        createdAt: t.createdAt,
        request: t.kind === 'request' ? request : null,
      })
    for (const r of replies)
      await db
        .insert(communityReplies)
        .values({ id: id.get(r.key)!, topicId: id.get(r.topic)!, body: r.key, authorUserId: people[r.author].userId, authorOrgId: people[r.author].orgId, createdAt: r.createdAt })
    for (const t of topics)
      if (t.accepted)
        await db
          .update(communityTopics)
          .set({ acceptedReplyId: id.get(t.accepted.reply)!, acceptedAt: t.accepted.at })
          .where(eqId(t.key))
    const topicOf = (post: string) => id.get(replies.find((r) => r.key === post)?.topic ?? post)!
    for (const m of moderation) await db.insert(communityModeration).values({ postId: id.get(m.post)!, topicId: topicOf(m.post), action: m.action, reason: 'test', createdAt: m.at })
    for (const x of reactions) await db.insert(communityReactions).values({ postId: id.get(x.post)!, topicId: topicOf(x.post), userId: people[x.user].userId, reaction: 'thumbs_up', createdAt: x.at })
    for (const c of conversions)
      await db.insert(communityRequestConversions).values({ topicId: id.get(c.topic)!, replyId: c.reply ? id.get(c.reply)! : null, kind: 'referral', targetId: createId(), createdAt: c.at })

    function eqId(key: string) {
      return eq(communityTopics.id, id.get(key)!)
    }

    // The independent calculation, from the definitions.
    const { from, to } = period
    const inPeriod = (d: Date) => d >= from && d < to
    const hiddenAtEnd = (post: string) => {
      const last = moderation
        .filter((m) => m.post === post && ['hold', 'hide', 'restore'].includes(m.action) && m.at < to)
        .sort((x, y) => +x.at - +y.at)
        .at(-1)
      return last ? last.action !== 'restore' : false
    }
    const topicsIn = topics.filter((t) => inPeriod(t.createdAt))
    const repliesIn = replies.filter((r) => inPeriod(r.createdAt))
    const active = new Set([
      ...topicsIn.map((t) => people[t.author].userId),
      ...repliesIn.map((r) => people[r.author].userId),
      ...reactions.filter((x) => inPeriod(x.at)).map((x) => people[x.user].userId),
    ])
    const questions = topicsIn.filter((t) => t.kind === 'question')
    const hours = questions
      .map((q) => {
        const first = replies.filter((r) => r.topic === q.key && people[r.author].userId !== people[q.author].userId && r.createdAt < to).sort((x, y) => +x.createdAt - +y.createdAt)[0]
        return first ? (+first.createdAt - +q.createdAt) / 3_600_000 : null
      })
      .filter((h): h is number => h !== null)
      .sort((x, y) => x - y)
    const median = hours.length === 0 ? null : hours.length % 2 ? hours[(hours.length - 1) / 2]! : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2
    const acceptedIn = topics.filter((t) => t.accepted && inPeriod(t.accepted.at))
    const byPartner = acceptedIn.filter((t) => people[replies.find((r) => r.key === t.accepted!.reply)!.author].orgKind === 'partner')
    const expected = {
      activeMembers: active.size,
      topics: topicsIn.filter((t) => !hiddenAtEnd(t.key)).length,
      replies: repliesIn.filter((r) => !hiddenAtEnd(r.key)).length,
      answerRate: questions.length ? questions.filter((q) => q.accepted && q.accepted.at < to).length / questions.length : null,
      medianHoursToFirstReply: median,
      partnerAnswerShare: acceptedIn.length ? byPartner.length / acceptedIn.length : null,
      requestsConverted: topicsIn.filter((t) => t.kind === 'request' && conversions.some((c) => c.topic === t.key && c.at < to)).length,
    }

    const actual = (await computeSummary(db, period)).community
    expect(actual).toEqual(expected)
    // …and the same numbers worked out by hand.
    expect(actual).toEqual({ activeMembers: 10, topics: 7, replies: 5, answerRate: 1 / 3, medianHoursToFirstReply: 4, partnerAnswerShare: 0.5, requestsConverted: 1 })

    // An empty period: counts are 0 and rates null.
    const empty = (await computeSummary(db, { from: at('2040-01-01T00:00:00'), to: at('2040-02-01T00:00:00') })).community
    expect(empty).toEqual({ activeMembers: 0, topics: 0, replies: 0, answerRate: null, medianHoursToFirstReply: null, partnerAnswerShare: null, requestsConverted: 0 })
  })
})
