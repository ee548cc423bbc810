import { and, count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { communityTopics } from '#db/schema/community.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createSpace, listSpaces } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, listTopics, postReply } from '#app/features/community/topics.server.ts'
import { moderatePost, moveTopic, topicsListedWhere } from '#app/features/community/moderation.server.ts'
import { MAX_LINKS } from '#app/features/community/moderation-schemas.ts'
import { TOPIC_FILTERS, TOPICS_PER_PAGE } from '#app/features/community/schemas.ts'

const run = Date.now().toString(36)

/** What a count over the whole space says the actor sees (the counters must agree with it). */
async function countedTotal(actor: Actor, spaceId: string, filter: string) {
  const kind =
    filter === 'unanswered'
      ? sql`${communityTopics.kind} = 'question' and ${communityTopics.acceptedReplyId} is null`
      : filter === 'questions'
        ? sql`${communityTopics.kind} = 'question'`
        : filter === 'requests'
          ? sql`${communityTopics.kind} = 'request'`
          : sql`true`
  const [row] = await db
    .select({ n: count() })
    .from(communityTopics)
    .where(and(eq(communityTopics.spaceId, spaceId), kind, topicsListedWhere(actor)))
  return row!.n
}

describe('big spaces', () => {
  it('keyset pages visit every topic once, in order, even when many share the same instant; newer/older links go both ways', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createSpace(vendor.admin, { name: `Keyset ${run}`, slug: `keyset-${run}`, visibility: 'partners' })
    await db.execute(sql`
      insert into community_topics (id, space_id, kind, title, body, author_user_id, author_org_id, pinned, last_activity_at, created_at)
      select 'ks-${sql.raw(run)}-' || lpad(g::text, 3, '0'), ${space.id}, 'discussion', 'Keyset topic ' || g, 'Body', ${partner.admin.userId}, ${partner.org.id}, g % 20 = 0,
             timestamptz '2026-01-01 10:00:00.123456+00' - ((g / 10) || ' seconds')::interval, now()
      from generate_series(1, 47) g`)
    const expected = (
      await db
        .select({ id: communityTopics.id })
        .from(communityTopics)
        .where(eq(communityTopics.spaceId, space.id))
        .orderBy(sql`pinned desc, last_activity_at desc, id desc`)
    ).map((r) => r.id)
    const seen: string[] = []
    const pages = []
    let page = await listTopics(partner.member, space.slug)
    expect(page.total).toBe(47)
    for (;;) {
      pages.push(page)
      seen.push(...page.topics.map((t) => t.id))
      if (!page.older) break
      page = await listTopics(partner.member, space.slug, { after: page.older })
    }
    expect(seen).toEqual(expected)
    expect(pages.map((p) => p.topics.length)).toEqual([TOPICS_PER_PAGE, TOPICS_PER_PAGE, 7])
    expect(pages.map((p) => p.newer === null)).toEqual([true, false, false])
    // And back up: each "newer" gives the page before, exactly.
    const up = await listTopics(partner.member, space.slug, { before: pages[2]!.newer })
    expect(up.topics.map((t) => t.id)).toEqual(pages[1]!.topics.map((t) => t.id))
    expect(up.older).toBe(pages[1]!.older)
    const top = await listTopics(partner.member, space.slug, { before: up.newer })
    expect(top.topics.map((t) => t.id)).toEqual(pages[0]!.topics.map((t) => t.id))
    expect(top.newer).toBeNull()
  })

  it('the maintained counters give the totals a count would, for every filter and reader, through posting, holds, hiding, answers and moves', async () => {
    const vendor = await createVendor()
    const author = await createPartner()
    const reader = await createPartner()
    const space = await createSpace(vendor.admin, { name: `Counters ${run}`, slug: `counters-${run}`, visibility: 'partners' })
    const other = await createSpace(vendor.admin, { name: `Counters other ${run}`, slug: `counters-other-${run}`, visibility: 'partners' })
    const check = async () => {
      for (const actor of [author.member, reader.member, vendor.member])
        for (const filter of TOPIC_FILTERS)
          for (const s of [space, other]) expect((await listTopics(actor, s.slug, { filter })).total, `${actor.name} ${filter} ${s.slug}`).toBe(await countedTotal(actor, s.id, filter))
      // The community page's counts per space come from the same counters.
      for (const actor of [author.member, reader.member, vendor.member])
        for (const s of [space, other]) {
          const listed = (await listSpaces(actor)).find((x) => x.id === s.id)!
          expect([listed.topicCount, listed.unansweredCount], `${actor.name} ${s.slug} on /community`).toEqual([await countedTotal(actor, s.id, 'all'), await countedTotal(actor, s.id, 'unanswered')])
        }
    }
    const q1 = await createTopic(author.member, space.slug, { kind: 'question', title: 'First question', body: 'Why?' })
    const q2 = await createTopic(author.member, space.slug, { kind: 'question', title: 'Second question', body: 'How?' })
    await createTopic(reader.member, space.slug, { kind: 'discussion', title: 'A discussion', body: 'Talk' })
    await createTopic(reader.member, space.slug, { kind: 'request', title: 'A partner request', body: 'Help', need: 'CRM' })
    // Held (many links): its author and the vendor's team count it, others do not.
    const links = Array.from({ length: MAX_LINKS + 1 }, (_, i) => `https://spam${i}.example.com`).join(' ')
    const held = await createTopic(author.member, space.slug, { kind: 'question', title: 'Held question', body: `Deals ${links}` })
    expect(held.state).toBe('held')
    await check()
    expect((await listTopics(reader.member, space.slug)).total).toBe(4)
    expect((await listTopics(author.member, space.slug)).total).toBe(5)
    expect((await listTopics(vendor.member, space.slug)).total).toBe(5)
    // An accepted answer moves a question out of "unanswered".
    const answer = await postReply(reader.member, q1.id, { body: 'Because.' })
    await acceptAnswer(author.member, q1.id, answer.id)
    // Hidden: only the vendor's team counts it.
    await moderatePost(vendor.member, { postId: q2.id, decision: 'hide', reason: 'Off topic' })
    await check()
    expect((await listTopics(reader.member, space.slug, { filter: 'unanswered' })).total).toBe(0)
    // Moved: counted in its new space only; restored: counted again.
    await moveTopic(vendor.member, q1.id, { spaceId: other.id, reason: 'Belongs there' })
    await moderatePost(vendor.member, { postId: q2.id, decision: 'restore', reason: 'Fine after all' })
    await moderatePost(vendor.member, { postId: held.id, decision: 'restore', reason: 'Not spam' })
    await check()
    expect((await listTopics(reader.member, other.slug, { filter: 'questions' })).total).toBe(1)
    // Deleted topics leave the counters too.
    await db.delete(communityTopics).where(eq(communityTopics.id, q2.id))
    await check()
  })
})
