import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityModeration, communityReplies, communityReports, communityTopics } from '#db/schema/community.ts'
import { auditLog, domainEvents } from '#db/schema/platform.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { rowCounts } from '#tests/support/row-counts.ts'
import { parseEventPayload } from '#app/features/events/catalog.ts'
import { communityNotifications } from '#app/features/community/notifications.ts'
import { moderatePost, moderationQueue, moveTopic, reportPost, setLocked, suspendFromSpace } from '#app/features/community/moderation.server.ts'
import { MAX_LINKS, NEW_MEMBER_POSTS_PER_DAY, POSTS_PER_MINUTE } from '#app/features/community/moderation-schemas.ts'
import { createSpace, inviteOrgToSpace, listSpaces } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, getTopic, listTopics, postReply } from '#app/features/community/topics.server.ts'
import type { DomainEvent, EventType } from '#app/features/events/outbox.server.ts'

const run = Date.now().toString(36)
let n = 0

const counts = () => rowCounts({ topics: 'community_topics', replies: 'community_replies', reports: 'community_reports', moderation: 'community_moderation', suspensions: 'community_suspensions' })

/** An open space with a question by one partner and a reply by another. */
async function scene() {
  const key = `${run}-${++n}`
  const vendor = await createVendor()
  const asker = await createPartner({ name: `Asker ${key}` })
  const helper = await createPartner({ name: `Helper ${key}` })
  const space = await createSpace(vendor.admin, { name: `Mod ${key}`, slug: `mod-${key}`, visibility: 'partners' })
  const other = await createSpace(vendor.admin, { name: `Other ${key}`, slug: `other-${key}`, visibility: 'partners' })
  const topic = await createTopic(asker.member, space.slug, { kind: 'question', title: 'How do I set up SSO?', body: 'Steps please' })
  const reply = await postReply(helper.member, topic.id, { body: 'Buy my stuff' })
  return { vendor, asker, helper, space, other, topic, reply }
}

async function lastEvent(type: EventType, subjectId: string) {
  const [row] = await db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.type, type), eq(domainEvents.subjectId, subjectId)))
    .orderBy(sql`${domainEvents.id} desc`)
    .limit(1)
  return row
}

/** What the module's notification plan makes of the last event of a type (who is told). */
async function planFor(type: EventType, subjectId: string) {
  const row = await lastEvent(type, subjectId)
  expect(row, type).toBeDefined()
  const plan = communityNotifications[type] as ((e: DomainEvent) => { to: Record<string, unknown>; title: string } | null) | undefined
  return plan ? plan({ ...row!, payload: parseEventPayload(type, row!.payload) } as unknown as DomainEvent) : null
}

describe('reports and the moderation queue', () => {
  it('a member reports a post once; the queue shows it; hiding it resolves the report, is audited with the reason, and tells author and reporter', async () => {
    const s = await scene()
    await reportPost(s.asker.member, { postId: s.reply.id, reason: 'Spam: sells instead of answering' })
    await expect(reportPost(s.asker.member, { postId: s.reply.id, reason: 'Again' })).rejects.toMatchObject({ code: 'conflict' })
    // Another person of the same organization may report it too.
    await reportPost(s.asker.admin, { postId: s.reply.id, reason: 'Off topic' })
    expect(await planFor('community.post_reported', s.topic.id)).toMatchObject({ to: { vendorAdmins: true } })

    const queue = await moderationQueue(s.vendor.member)
    const item = queue.items.find((i) => i.postId === s.reply.id) ?? (await findInQueue(s.vendor.member, s.reply.id))
    expect(item).toMatchObject({ postKind: 'reply', topicId: s.topic.id, reportCount: 2, reasons: ['Spam: sells instead of answering', 'Off topic'], state: 'published' })

    await acceptAnswer(s.asker.member, s.topic.id, s.reply.id)
    await moderatePost(s.vendor.member, { postId: s.reply.id, decision: 'hide', reason: 'Advertising' })
    const [reply] = await db.select().from(communityReplies).where(eq(communityReplies.id, s.reply.id))
    expect(reply!.state).toBe('hidden')
    const open = await db
      .select()
      .from(communityReports)
      .where(and(eq(communityReports.postId, s.reply.id), eq(communityReports.status, 'open')))
    expect(open).toHaveLength(0)
    expect(await findInQueue(s.vendor.member, s.reply.id)).toBeUndefined()
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'community.post_moderated'), eq(auditLog.subjectId, s.topic.id)))
    expect(audit!.details).toMatchObject({ action: 'hide', reason: 'Advertising', postId: s.reply.id })
    // Who reported is not sent to everyone in the topic: the live event goes to the team, the author and the reporters.
    const event = await lastEvent('community.post_moderated', s.topic.id)
    expect(event!.audience.orgs).toBeUndefined()
    expect(event!.audience.vendor).toBe(true)
    expect([...event!.audience.users!].sort()).toEqual([s.helper.member.userId, s.asker.member.userId, s.asker.admin.userId].sort())
    const plan = await planFor('community.post_moderated', s.topic.id)
    expect((plan!.to as { users: string[] }).users.sort()).toEqual([s.helper.member.userId, s.asker.member.userId, s.asker.admin.userId].sort())
    const [log] = await db
      .select()
      .from(communityModeration)
      .where(and(eq(communityModeration.postId, s.reply.id), eq(communityModeration.action, 'hide')))
    expect(log!.reason).toBe('Advertising')

    // The topic shows it hidden: the text is gone for members, kept for the vendor's team.
    const forMember = await getTopic(s.asker.member, s.space.slug, s.topic.id)
    expect(forMember.replies[0]).toMatchObject({ id: s.reply.id, state: 'hidden', body: '', bodyHtml: '' })
    const forVendor = await getTopic(s.vendor.member, s.space.slug, s.topic.id)
    expect(forVendor.replies[0]).toMatchObject({ state: 'hidden', body: 'Buy my stuff' })

    // A hidden accepted answer is not shown in the "accepted answer" box either.
    expect(forMember.accepted).toBeNull()
    expect(forVendor.accepted).toMatchObject({ id: s.reply.id })
    // Restoring tells the author.
    await moderatePost(s.vendor.admin, { postId: s.reply.id, decision: 'restore', reason: 'On reflection it answers' })
    expect((await getTopic(s.asker.member, s.space.slug, s.topic.id)).replies[0]).toMatchObject({ state: 'published', body: 'Buy my stuff' })
    expect((await planFor('community.post_moderated', s.topic.id))!.to).toEqual({ users: [s.helper.member.userId] })
  })

  it('dismissing reports leaves the post and tells the reporters; a decision needs a reason', async () => {
    const s = await scene()
    await reportPost(s.helper.member, { postId: s.topic.id, reason: 'Duplicate question' })
    const before = await counts()
    await expect(moderatePost(s.vendor.member, { postId: s.topic.id, decision: 'dismiss', reason: '' })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { reason: [expect.any(String)] } })
    await expect(moderatePost(s.vendor.member, { postId: s.topic.id, decision: 'delete', reason: 'Nope' })).rejects.toMatchObject({ code: 'invalid' })
    expect(await counts()).toEqual(before)
    await moderatePost(s.vendor.member, { postId: s.topic.id, decision: 'dismiss', reason: 'Not a duplicate' })
    const [topic] = await db.select().from(communityTopics).where(eq(communityTopics.id, s.topic.id))
    expect(topic!.state).toBe('published')
    expect((await planFor('community.post_moderated', s.topic.id))!.to).toEqual({ users: [s.helper.member.userId] })
    await expect(moderatePost(s.vendor.member, { postId: s.topic.id, decision: 'dismiss', reason: 'Again' })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('bad reports are refused with a clear error and nothing written', async () => {
    const s = await scene()
    const before = await counts()
    await expect(reportPost(s.asker.member, { postId: s.reply.id })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { reason: [expect.stringContaining('reason')] } })
    await expect(reportPost(s.asker.member, { postId: s.reply.id, reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'invalid' })
    await expect(reportPost(s.asker.member, { postId: 'nope', reason: 'Spam' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(reportPost(s.asker.member, {})).rejects.toMatchObject({ code: 'not_found' })
    await expect(reportPost(s.helper.member, { postId: s.reply.id, reason: 'My own' })).rejects.toMatchObject({ code: 'invalid' })
    expect(await counts()).toEqual(before)
  })

  it('moderation is the vendor team’s: partners are forbidden and nothing is written', async () => {
    const s = await scene()
    await reportPost(s.asker.member, { postId: s.reply.id, reason: 'Spam' })
    const before = await counts()
    for (const actor of [s.asker.admin, s.helper.member]) {
      await expect(moderationQueue(actor)).rejects.toMatchObject({ code: 'forbidden' })
      await expect(moderatePost(actor, { postId: s.reply.id, decision: 'hide', reason: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(setLocked(actor, s.topic.id, { locked: 'on', reason: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(moveTopic(actor, s.topic.id, { spaceId: s.other.id, reason: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(suspendFromSpace(actor, s.space.id, { userId: s.helper.admin.userId, days: 3, reason: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' })
    }
    expect(await counts()).toEqual(before)
  })

  it('the queue is paginated and says when it is empty', async () => {
    const s = await scene()
    const { total, pageCount } = await moderationQueue(s.vendor.member)
    expect(pageCount).toBe(Math.max(1, Math.ceil(total / 20)))
    const far = await moderationQueue(s.vendor.member, { page: 9999 })
    expect(far.page).toBe(pageCount)
    expect((await moderationQueue(s.vendor.member, { page: 'x' })).page).toBe(1)
  })
})

async function findInQueue(actor: Parameters<typeof moderationQueue>[0], postId: string) {
  for (let page = 1; ; page++) {
    const q = await moderationQueue(actor, { page })
    const hit = q.items.find((i) => i.postId === postId)
    if (hit || page >= q.pageCount) return hit
  }
}

describe('locking, moving, suspending', () => {
  it('a locked topic takes no reply (clear error, nothing written) until unlocked; both are audited', async () => {
    const s = await scene()
    await setLocked(s.vendor.member, s.topic.id, { locked: 'on', reason: 'Resolved, closing' })
    const before = await counts()
    await expect(postReply(s.helper.member, s.topic.id, { body: 'One more thing' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('locked') })
    await expect(postReply(s.vendor.admin, s.topic.id, { body: 'Even us' })).rejects.toMatchObject({ code: 'conflict' })
    expect(await counts()).toEqual({ ...before })
    expect((await getTopic(s.helper.member, s.space.slug, s.topic.id)).can.reply).toBe(false)
    expect((await listTopics(s.helper.member, s.space.slug)).topics[0]).toMatchObject({ locked: true })
    await expect(setLocked(s.vendor.member, s.topic.id, { locked: 'on', reason: 'Twice' })).rejects.toMatchObject({ code: 'conflict' })
    await setLocked(s.vendor.member, s.topic.id, { reason: 'Reopened' })
    await postReply(s.helper.member, s.topic.id, { body: 'One more thing' })
    const audits = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'community.topic_locked'), eq(auditLog.subjectId, s.topic.id)))
    expect(audits.map((a) => [a.details.locked, a.details.reason])).toEqual([
      [true, 'Resolved, closing'],
      [false, 'Reopened'],
    ])
  })

  it('a moved topic lives in the other space; its author is told; moving to an unknown or the same space is refused', async () => {
    const s = await scene()
    await expect(moveTopic(s.vendor.member, s.topic.id, { spaceId: s.space.id, reason: 'Same' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(moveTopic(s.vendor.member, s.topic.id, { spaceId: 'nope', reason: 'Unknown' })).rejects.toMatchObject({ code: 'invalid' })
    await moveTopic(s.vendor.member, s.topic.id, { spaceId: s.other.id, reason: 'Belongs in Other' })
    await expect(getTopic(s.asker.member, s.space.slug, s.topic.id)).rejects.toMatchObject({ code: 'not_found' })
    expect((await getTopic(s.asker.member, s.other.slug, s.topic.id)).replies).toHaveLength(1)
    expect(await planFor('community.topic_moved', s.topic.id)).toMatchObject({ to: { users: [s.asker.member.userId] } })
  })

  it('moving a topic into a private space hides it from organizations not invited', async () => {
    const s = await scene()
    const priv = await createSpace(s.vendor.admin, { name: `Private ${run}-${n}`, slug: `priv-move-${run}-${n}`, visibility: 'orgs' })
    await inviteOrgToSpace(s.vendor.admin, priv.id, { org: s.asker.org.id })
    await moveTopic(s.vendor.member, s.topic.id, { spaceId: priv.id, reason: 'Confidential' })
    await expect(getTopic(s.helper.member, priv.slug, s.topic.id)).rejects.toMatchObject({ code: 'not_found' })
    expect((await getTopic(s.asker.member, priv.slug, s.topic.id)).topic.id).toBe(s.topic.id)
  })

  it('a suspended person cannot post in that space (topics or replies) until the period ends, can still read, and can post elsewhere', async () => {
    const s = await scene()
    await expect(suspendFromSpace(s.vendor.member, s.space.id, { userId: s.helper.member.userId, days: 0, reason: 'Spam' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(suspendFromSpace(s.vendor.member, s.space.id, { userId: s.vendor.admin.userId, days: 3, reason: 'Spam' })).rejects.toMatchObject({ code: 'invalid' })
    await suspendFromSpace(s.vendor.member, s.space.id, { userId: s.helper.member.userId, days: '3', reason: 'Repeated advertising' })
    expect(await planFor('community.member_suspended', s.space.id)).toMatchObject({ to: { users: [s.helper.member.userId] } })
    const before = await counts()
    await expect(postReply(s.helper.member, s.topic.id, { body: 'Still here' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('suspended from posting') })
    await expect(createTopic(s.helper.member, s.space.slug, { kind: 'discussion', title: 'A new topic', body: 'Still here' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await counts()).toEqual(before)
    expect((await getTopic(s.helper.member, s.space.slug, s.topic.id)).replies).toHaveLength(1)
    // Their colleague is not suspended, and they can post in another space.
    await postReply(s.helper.admin, s.topic.id, { body: 'Colleague here' })
    await createTopic(s.helper.member, s.other.slug, { kind: 'discussion', title: 'Elsewhere is fine', body: 'Hello' })
    // Once the period has passed they post again.
    await db.execute(sql`update community_suspensions set created_at = now() - interval '10 days', ends_at = now() - interval '1 second' where user_id = ${s.helper.member.userId}`)
    await postReply(s.helper.member, s.topic.id, { body: 'Back again' })
  })
})

describe('holds: rate limits and spam signals send posts to the queue', () => {
  it('a post with many links is held: not listed for others, shown to its author as awaiting review, published by a moderator', async () => {
    const s = await scene()
    const links = Array.from({ length: MAX_LINKS + 1 }, (_, i) => `https://spam${i}.example.com`).join(' ')
    const reply = await postReply(s.helper.admin, s.topic.id, { body: `Great deals ${links}` })
    expect(reply.state).toBe('held')
    const [topicRow] = await db.select().from(communityTopics).where(eq(communityTopics.id, s.topic.id))
    expect(topicRow!.replyCount).toBe(1)
    expect((await getTopic(s.asker.member, s.space.slug, s.topic.id)).replies.map((r) => r.id)).toEqual([s.reply.id])
    const mine = await getTopic(s.helper.admin, s.space.slug, s.topic.id)
    expect(mine.replies.find((r) => r.id === reply.id)).toMatchObject({ state: 'held' })
    expect(await lastEvent('community.reply_posted', s.topic.id).then((e) => (e?.payload as { replyId?: string })?.replyId)).toBe(s.reply.id)
    const item = await findInQueue(s.vendor.member, reply.id)
    expect(item).toMatchObject({ state: 'held', holdReason: `many links (${MAX_LINKS + 1})` })
    expect(await planFor('community.post_held', s.topic.id)).toMatchObject({ to: { vendorAdmins: true } })

    await moderatePost(s.vendor.member, { postId: reply.id, decision: 'restore', reason: 'Legitimate list of partners' })
    const [after] = await db.select().from(communityTopics).where(eq(communityTopics.id, s.topic.id))
    expect(after!.replyCount).toBe(2)
    expect((await getTopic(s.asker.member, s.space.slug, s.topic.id)).replies.map((r) => r.id)).toContain(reply.id)
    // Published now, it is announced as a new reply (live viewers, notifications, search).
    expect(await lastEvent('community.reply_posted', s.topic.id).then((e) => (e?.payload as { replyId?: string })?.replyId)).toBe(reply.id)
  })

  it('a held topic is not listed or counted for others and is not found by them; its author sees it awaiting review', async () => {
    const s = await scene()
    const links = Array.from({ length: MAX_LINKS + 1 }, (_, i) => `www.spam${i}.example.com`).join('\n')
    const topic = await createTopic(s.helper.member, s.space.slug, { kind: 'discussion', title: 'Cheap licences here', body: links })
    expect(topic.state).toBe('held')
    expect((await listTopics(s.asker.member, s.space.slug)).topics.map((t) => t.id)).not.toContain(topic.id)
    expect((await listSpaces(s.asker.member)).find((x) => x.id === s.space.id)!.topicCount).toBe(1)
    await expect(getTopic(s.asker.member, s.space.slug, topic.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(postReply(s.asker.member, topic.id, { body: 'hm' })).rejects.toMatchObject({ code: 'not_found' })
    expect((await listTopics(s.helper.member, s.space.slug)).topics.find((t) => t.id === topic.id)).toMatchObject({ state: 'held' })
    expect((await getTopic(s.helper.member, s.space.slug, topic.id)).topic.state).toBe('held')
    expect((await listTopics(s.vendor.member, s.space.slug)).total).toBe(2)
  })

  it('repeated text is held', async () => {
    const s = await scene()
    // An established member (a new one's fourth post of the day would be held anyway).
    await db
      .update(users)
      .set({ createdAt: sql`now() - interval '30 days'` })
      .where(eq(users.id, s.helper.admin.userId))
    const body = 'Contact us for the best integration services in the whole region, today only!'
    expect((await postReply(s.helper.admin, s.topic.id, { body })).state).toBe('published')
    expect((await postReply(s.helper.admin, s.topic.id, { body: `  ${body.toUpperCase()}  ` })).state).toBe('held')
    // Short replies ("Thanks!") may repeat.
    expect((await postReply(s.helper.admin, s.topic.id, { body: 'Thanks!' })).state).toBe('published')
    expect((await postReply(s.helper.admin, s.topic.id, { body: 'Thanks!' })).state).toBe('published')
  })

  it("a new member's posts beyond the daily allowance are held; an established member is held only beyond the per-minute limit", async () => {
    const s = await scene()
    const states: string[] = []
    for (let i = 0; i < NEW_MEMBER_POSTS_PER_DAY + 1; i++) states.push((await postReply(s.asker.admin, s.topic.id, { body: `Follow-up number ${i}` })).state)
    expect(states).toEqual([...Array(NEW_MEMBER_POSTS_PER_DAY).fill('published'), 'held'])
    // An account older than a week is not new.
    await db
      .update(users)
      .set({ createdAt: sql`now() - interval '30 days'` })
      .where(eq(users.id, s.helper.admin.userId))
    const old: string[] = []
    for (let i = 0; i < POSTS_PER_MINUTE + 1; i++) old.push((await postReply(s.helper.admin, s.topic.id, { body: `Quick note ${i}` })).state)
    expect(old).toEqual([...Array(POSTS_PER_MINUTE).fill('published'), 'held'])
    // The vendor's team is never held.
    for (let i = 0; i < POSTS_PER_MINUTE + 1; i++)
      expect(
        (await postReply(s.vendor.member, s.topic.id, { body: `Team note ${i} https://a.example https://b.example https://c.example https://d.example https://e.example https://f.example` })).state,
      ).toBe('published')
  }, 120_000)
})
