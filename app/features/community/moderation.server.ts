import { and, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityModeration, communityReplies, communityReports, communitySpaces, communitySuspensions, communityTopics, type ModerationAction } from '#db/schema/community.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { conflict, fieldErrorsOf, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertVendor, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { PageQuerySchema, pageCountOf } from '#app/utils/page-query.ts'
import {
  LockSchema,
  MAX_LINKS,
  ModeratePostSchema,
  MoveSchema,
  NEW_MEMBER_DAYS,
  NEW_MEMBER_POSTS_PER_DAY,
  POSTS_PER_MINUTE,
  QUEUE_PER_PAGE,
  REPEAT_MIN_CHARS,
  ReportSchema,
  SuspendSchema,
} from '#app/features/community/moderation-schemas.ts'
import { assertCommunityWriter, audienceFor, notifiableAuthor, visibleTopic, type Space, type Topic } from '#app/features/community/access.server.ts'
import { afterPostWritten } from '#app/features/community/posts.server.ts'

/**
 * Moderation of the partner community: reports, the vendor's queue, hiding and restoring posts,
 * locking and moving topics, suspending a person from posting in a space, and the automatic
 * hold of posts that trip a rate limit or a spam signal. Every action is one event (so one audit
 * row, with its reason) and one `community_moderation` row.
 */

// ---------------------------------------------------------------------------------------------
// Rules

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown, message: string): z.output<T> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw invalid(message, fieldErrorsOf(parsed.error))
  return parsed.data
}

// ---------------------------------------------------------------------------------------------
// What readers see

/**
 * Which posts of a table (topics or replies) the actor sees in lists and threads: published and
 * hidden ones (a hidden post shows as hidden), and the actor's own held ones (marked as awaiting
 * review); the vendor's team sees held posts too.
 */
export function postsShownWhere(actor: Actor, table: typeof communityTopics | typeof communityReplies): SQL {
  if (isVendor(actor)) return sql`true`
  return or(sql`${table.state} <> 'held'`, eq(table.authorUserId, actor.userId))!
}

/** Topics listed in a space (and counted): published ones, the actor's own held ones; the vendor's team sees all. */
export function topicsListedWhere(actor: Actor): SQL {
  if (isVendor(actor)) return sql`true`
  return or(eq(communityTopics.state, 'published'), and(eq(communityTopics.state, 'held'), eq(communityTopics.authorUserId, actor.userId)))!
}

/** A post as a reader gets it: a hidden post's text only for the vendor's team. */
export function shownBody<T extends { state: string; body: string }>(actor: Actor, post: T) {
  return post.state === 'hidden' && !isVendor(actor) ? '' : post.body
}

// ---------------------------------------------------------------------------------------------
// Before a post is written

/** The person's suspension from posting in this space, if one is running. */
export async function activeSuspension(q: Queryable, userId: string, spaceId: string) {
  const [row] = await q
    .select({ endsAt: communitySuspensions.endsAt, reason: communitySuspensions.reason })
    .from(communitySuspensions)
    .where(and(eq(communitySuspensions.userId, userId), eq(communitySuspensions.spaceId, spaceId), gt(communitySuspensions.endsAt, sql`now()`)))
    .orderBy(sql`${communitySuspensions.endsAt} desc`)
    .limit(1)
  return row ?? null
}

/** May this person post here now? Not while suspended from the space, nor (replies) in a locked topic. */
export async function assertMayPost(q: Queryable, actor: Actor, space: Space, topic?: Topic) {
  const suspension = await activeSuspension(q, actor.userId, space.id)
  if (suspension) {
    throw forbidden(`You are suspended from posting in “${space.name}” until ${suspension.endsAt.toISOString().slice(0, 10)} (${suspension.reason}). You can still read it.`)
  }
  if (topic?.lockedAt) throw conflict('This topic is locked by the moderators: it takes no more replies.')
}

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()
export const linkCount = (text: string) => (text.match(/https?:\/\/|www\./gi) ?? []).length

/**
 * Why a new post should wait in the moderation queue instead of being published, or null. The
 * vendor's team is never held. Held posts count towards the rate limits too.
 */
export async function holdReason(q: Queryable, actor: Actor, body: string, title = ''): Promise<string | null> {
  if (isVendor(actor)) return null
  const links = linkCount(`${title}\n${body}`)
  if (links > MAX_LINKS) return `many links (${links})`
  const [row] = await queryRows<{ last_minute: number; last_day: number; is_new: boolean; repeats: boolean }>(
    q,
    sql`with mine as (
        select ${communityTopics.body} as body, ${communityTopics.createdAt} as created_at from ${communityTopics}
          where ${communityTopics.authorUserId} = ${actor.userId} and ${communityTopics.createdAt} > now() - interval '1 day'
        union all
        select ${communityReplies.body}, ${communityReplies.createdAt} from ${communityReplies}
          where ${communityReplies.authorUserId} = ${actor.userId} and ${communityReplies.createdAt} > now() - interval '1 day')
      select
        (select count(*)::int from mine where created_at > now() - interval '1 minute') as last_minute,
        (select count(*)::int from mine) as last_day,
        (select ${users.createdAt} > now() - make_interval(days => ${NEW_MEMBER_DAYS}) from ${users} where ${users.id} = ${actor.userId}) as is_new,
        ${normalize(body).length >= REPEAT_MIN_CHARS} and exists (select 1 from mine where lower(trim(regexp_replace(body, '\\s+', ' ', 'g'))) = ${normalize(body)}) as repeats`,
  )
  if (!row) return null
  if (row.repeats) return 'repeats a post of yours from the last day'
  if (row.last_minute >= POSTS_PER_MINUTE) return `more than ${POSTS_PER_MINUTE} posts in a minute`
  if (row.is_new && row.last_day >= NEW_MEMBER_POSTS_PER_DAY) return `a new member's posts beyond ${NEW_MEMBER_POSTS_PER_DAY} a day`
  return null
}

const topicAbout = (actor: Actor | null, topicId: string) => ({ actorId: actor?.userId ?? null, orgId: actor?.orgId ?? null, subjectType: 'community_topic', subjectId: topicId })

/** Records that a new post was held (called by the write that inserted it with state `held`). */
export async function recordHold(tx: Tx, actor: Actor, space: Space, topic: Pick<Topic, 'id' | 'title'>, post: { id: string; kind: 'topic' | 'reply' }, reason: string) {
  await tx.insert(communityModeration).values({ postId: post.id, topicId: topic.id, action: 'hold', reason, actorUserId: null })
  await recordEvent(tx, {
    type: 'community.post_held',
    ...topicAbout(actor, topic.id),
    payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, postId: post.id, postKind: post.kind, topicTitle: topic.title, reason, authorUserId: actor.userId },
    audience: { vendor: true, users: [actor.userId] },
  })
}

/** Marks a topic changed (its `updatedAt`), for a change that shows on it but writes no column of its own. */
export async function touchTopic(tx: Tx, topicId: string) {
  await tx.update(communityTopics).set({ updatedAt: new Date() }).where(eq(communityTopics.id, topicId))
}

// ---------------------------------------------------------------------------------------------
// Posts, found by id

type Post = { id: string; kind: 'topic' | 'reply'; topicId: string; state: 'published' | 'held' | 'hidden'; authorUserId: string | null; authorOrgId: string; body: string; createdAt: Date }

async function findPost(q: Queryable, postId: string, lock = false): Promise<Post | null> {
  const topicQuery = q.select().from(communityTopics).where(eq(communityTopics.id, postId))
  const [topic] = lock ? await topicQuery.for('update') : await topicQuery
  if (topic)
    return { id: topic.id, kind: 'topic', topicId: topic.id, state: topic.state, authorUserId: topic.authorUserId, authorOrgId: topic.authorOrgId, body: topic.body, createdAt: topic.createdAt }
  const replyQuery = q.select().from(communityReplies).where(eq(communityReplies.id, postId))
  const [reply] = lock ? await replyQuery.for('update') : await replyQuery
  if (reply)
    return { id: reply.id, kind: 'reply', topicId: reply.topicId, state: reply.state, authorUserId: reply.authorUserId, authorOrgId: reply.authorOrgId, body: reply.body, createdAt: reply.createdAt }
  return null
}

const POST_NOT_FOUND = 'We could not find that post.'

// ---------------------------------------------------------------------------------------------
// Reports

/** A member reports a post they can see, with a reason; one open report per person per post. */
export async function reportPost(actor: Actor, input: unknown) {
  assertCommunityWriter(actor)
  const postId = typeof (input as { postId?: unknown } | null)?.postId === 'string' ? (input as { postId: string }).postId.trim() : ''
  return db.transaction(async (tx) => {
    // Visibility first: a post in a space the actor cannot see is "not found" whatever the input.
    const post = postId ? await findPost(tx, postId) : null
    if (!post) throw notFound(POST_NOT_FOUND)
    const { topic, space } = await visibleTopic(tx, actor, post.topicId)
    if (post.state === 'held' && post.authorUserId !== actor.userId && !isVendor(actor)) throw notFound(POST_NOT_FOUND)
    const { reason } = parse(ReportSchema, input, 'Check your report.')
    if (post.authorUserId === actor.userId) throw invalid('You cannot report your own post; edit it instead.')
    const [report] = await tx
      .insert(communityReports)
      .values({ postId: post.id, topicId: topic.id, reporterUserId: actor.userId, reporterOrgId: actor.orgId, reason })
      .onConflictDoNothing()
      .returning()
    if (!report) throw conflict('You have already reported this post; the moderators will look at it.')
    await recordEvent(tx, {
      type: 'community.post_reported',
      ...topicAbout(actor, topic.id),
      payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, postId: post.id, postKind: post.kind, topicTitle: topic.title, reportId: report.id, reason },
      audience: { vendor: true },
    })
    return report
  })
}

// ---------------------------------------------------------------------------------------------
// The queue

export type QueueItem = {
  postId: string
  postKind: 'topic' | 'reply'
  topicId: string
  topicTitle: string
  spaceId: string
  spaceSlug: string
  spaceName: string
  state: 'published' | 'held' | 'hidden'
  body: string
  authorUserId: string | null
  authorName: string | null
  authorOrgName: string
  createdAt: Date
  reportCount: number
  reasons: string[]
  holdReason: string | null
}

/** The vendor's moderation queue: posts with open reports and posts held for review, oldest first, a page at a time. */
export async function moderationQueue(actor: Actor, query: unknown = {}) {
  assertVendor(actor, "Only the vendor's team moderates the community.")
  const { page } = PageQuerySchema.parse(query ?? {})
  const candidates = sql`(
    select ${communityReports.postId} as post_id from ${communityReports} where ${communityReports.status} = 'open'
    union select ${communityTopics.id} from ${communityTopics} where ${communityTopics.state} = 'held'
    union select ${communityReplies.id} from ${communityReplies} where ${communityReplies.state} = 'held')`
  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from ${candidates} c`)
  const pageCount = pageCountOf(total, QUEUE_PER_PAGE)
  const current = Math.min(page, pageCount)
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with c as ${candidates},
      posts as (
        select t.id as post_id, 'topic' as post_kind, t.id as topic_id, t.state, t.body, t.author_user_id, t.author_org_id, t.created_at from ${communityTopics} t join c on c.post_id = t.id
        union all
        select r.id, 'reply', r.topic_id, r.state, r.body, r.author_user_id, r.author_org_id, r.created_at from ${communityReplies} r join c on c.post_id = r.id),
      reports as (
        select ${communityReports.postId} as post_id, count(*)::int as n, array_agg(${communityReports.reason} order by ${communityReports.createdAt}) as reasons, min(${communityReports.createdAt}) as first_at
        from ${communityReports} where ${communityReports.status} = 'open' group by ${communityReports.postId})
      select p.post_id, p.post_kind, p.topic_id, t.title as topic_title, s.id as space_id, s.slug as space_slug, s.name as space_name, p.state, p.body,
        p.author_user_id, u.name as author_name, o.name as author_org_name, p.created_at,
        coalesce(rep.n, 0) as report_count, coalesce(rep.reasons, '{}') as reasons,
        (select m.reason from ${communityModeration} m where m.post_id = p.post_id and m.action = 'hold' order by m.created_at desc limit 1) as hold_reason
      from posts p
      join ${communityTopics} t on t.id = p.topic_id
      join ${communitySpaces} s on s.id = t.space_id
      join ${organizations} o on o.id = p.author_org_id
      left join ${users} u on u.id = p.author_user_id
      left join reports rep on rep.post_id = p.post_id
      order by coalesce(rep.first_at, p.created_at), p.post_id
      limit ${QUEUE_PER_PAGE} offset ${(current - 1) * QUEUE_PER_PAGE}`,
  )
  const items: QueueItem[] = rows.map((r) => ({
    postId: r.post_id as string,
    postKind: r.post_kind as 'topic' | 'reply',
    topicId: r.topic_id as string,
    topicTitle: r.topic_title as string,
    spaceId: r.space_id as string,
    spaceSlug: r.space_slug as string,
    spaceName: r.space_name as string,
    state: r.state as QueueItem['state'],
    body: r.body as string,
    authorUserId: (r.author_user_id as string | null) ?? null,
    authorName: (r.author_name as string | null) ?? null,
    authorOrgName: r.author_org_name as string,
    createdAt: new Date(r.created_at as string),
    reportCount: Number(r.report_count),
    reasons: r.reasons as string[],
    holdReason: (r.hold_reason as string | null) ?? null,
  }))
  return { items, page: current, pageCount, total }
}

// ---------------------------------------------------------------------------------------------
// Decisions on a post

async function spaceOf(q: Queryable, spaceId: string) {
  const [space] = await q.select().from(communitySpaces).where(eq(communitySpaces.id, spaceId))
  if (!space) throw notFound('We could not find that community space.')
  return space
}

/**
 * Publishing a held post now: its reply count, and the event it would have recorded when posted
 * (so live viewers, notifications and the search index see it as new); then its mentions and the
 * followers of the topic or space are notified, as for a post published when written.
 */
async function publishHeld(tx: Tx, post: Post, topic: Topic, space: Space) {
  const [author] = await tx
    .select({ name: users.name, orgName: organizations.name })
    .from(organizations)
    .leftJoin(users, post.authorUserId ? eq(users.id, post.authorUserId) : sql`false`)
    .where(eq(organizations.id, post.authorOrgId))
  const authorName = author?.name ?? 'A former member'
  const authorOrgName = author?.orgName ?? ''
  const about = { actorId: post.authorUserId, orgId: post.authorOrgId, subjectType: 'community_topic', subjectId: topic.id }
  if (post.kind === 'topic') {
    await recordEvent(tx, {
      type: 'community.topic_created',
      ...about,
      payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, kind: topic.kind, title: topic.title, authorName, authorOrgName },
      audience: await audienceFor(tx, space, topic.id),
    })
    await notifyFollowersAndMentions(tx, post, topic, space, authorName, authorOrgName)
    return
  }
  await tx
    .update(communityTopics)
    .set({ replyCount: sql`${communityTopics.replyCount} + 1`, lastActivityAt: new Date(), updatedAt: new Date() })
    .where(eq(communityTopics.id, topic.id))
  await recordEvent(tx, {
    type: 'community.reply_posted',
    ...about,
    payload: {
      spaceId: space.id,
      spaceSlug: space.slug,
      topicId: topic.id,
      replyId: post.id,
      topicTitle: topic.title,
      authorName,
      authorOrgName,
      topicAuthorUserId: topic.authorUserId === post.authorUserId ? null : await notifiableAuthor(tx, space, topic.authorUserId, topic.authorOrgId),
    },
    audience: await audienceFor(tx, space, topic.id),
  })
  await notifyFollowersAndMentions(tx, post, topic, space, authorName, authorOrgName)
}

/**
 * community-posts' follow-up of a new post, run for its author (a former member's post notifies
 * nobody). The draft was cleared when the post was written; one started since is kept.
 */
async function notifyFollowersAndMentions(tx: Tx, post: Post, topic: Topic, space: Space, name: string, orgName: string) {
  if (!post.authorUserId) return
  await afterPostWritten(tx, { userId: post.authorUserId, orgId: post.authorOrgId, name, orgName }, space, topic, { id: post.id, body: post.body, state: 'published' }, { keepDraft: true })
}

/**
 * The vendor's team decides on a post: `hide` it (it shows as hidden, its text for the team only),
 * `restore` a hidden post or publish a held one, or `dismiss` the reports and leave it as it is.
 * Each resolves the post's open reports; the reason is kept with the decision.
 */
export async function moderatePost(actor: Actor, input: unknown) {
  assertVendor(actor, "Only the vendor's team moderates the community.")
  assertOrgMayAct(actor, 'moderate the community')
  const { postId, decision: action, reason } = parse(ModeratePostSchema, input, 'Check the decision.')
  return db.transaction(async (tx) => {
    const post = await findPost(tx, postId, true)
    if (!post) throw notFound(POST_NOT_FOUND)
    const { topic, space } = await visibleTopic(tx, actor, post.topicId, { lock: post.kind === 'reply' })
    const table = post.kind === 'topic' ? communityTopics : communityReplies
    if (action === 'hide') {
      if (post.state === 'hidden') throw conflict('That post is already hidden.')
      await tx.update(table).set({ state: 'hidden' }).where(eq(table.id, post.id))
    } else if (action === 'restore') {
      if (post.state === 'published') throw conflict('That post is already published.')
      await tx.update(table).set({ state: 'published' }).where(eq(table.id, post.id))
      // A post held when written was never announced nor counted: it is now.
      if (!(await everPublished(tx, post.id))) await publishHeld(tx, post, topic, space)
    }
    // The topic shows the change (the post hidden, restored or published): a changed topic to the API's syncs.
    if (action !== 'dismiss') await touchTopic(tx, topic.id)
    const resolved = await tx
      .update(communityReports)
      .set({ status: 'resolved', resolvedBy: actor.userId, resolvedAt: new Date() })
      .where(and(eq(communityReports.postId, post.id), eq(communityReports.status, 'open')))
      .returning({ reporterUserId: communityReports.reporterUserId })
    if (action === 'dismiss' && !resolved.length) throw conflict('That post has no open reports to dismiss.')
    const logged: ModerationAction = action
    await tx.insert(communityModeration).values({ postId: post.id, topicId: topic.id, action: logged, reason, actorUserId: actor.userId })
    const reporterUserIds = [...new Set(resolved.map((r) => r.reporterUserId).filter((x): x is string => Boolean(x)))]
    const authorUserId = await notifiableAuthor(tx, space, post.authorUserId, post.authorOrgId)
    await recordEvent(tx, {
      type: 'community.post_moderated',
      ...topicAbout(actor, topic.id),
      payload: {
        spaceId: space.id,
        spaceSlug: space.slug,
        topicId: topic.id,
        postId: post.id,
        postKind: post.kind,
        topicTitle: topic.title,
        action,
        reason,
        authorUserId,
        reporterUserIds,
      },
      // Who reported is the moderators' to know: the event (payload included) goes to the vendor's
      // team, the author and the reporters only, not to everyone taking part in the topic.
      audience: { vendor: true, users: [...new Set([...(authorUserId ? [authorUserId] : []), ...reporterUserIds])] },
    })
    return { post, action }
  })
}

/** Was the post ever published: written without a hold, or restored since? */
async function everPublished(q: Queryable, postId: string) {
  const rows = await q
    .select({ action: communityModeration.action })
    .from(communityModeration)
    .where(and(eq(communityModeration.postId, postId), inArray(communityModeration.action, ['hold', 'restore'])))
  return !rows.some((r) => r.action === 'hold') || rows.some((r) => r.action === 'restore')
}

// ---------------------------------------------------------------------------------------------
// Topics: lock, move

/** The vendor's team locks a topic (no more replies) or unlocks it, with a reason. */
export async function setLocked(actor: Actor, topicId: string, input: unknown) {
  assertVendor(actor, "Only the vendor's team can lock topics.")
  assertOrgMayAct(actor, 'moderate the community')
  const { locked, reason } = parse(LockSchema, input, 'Check the lock.')
  return db.transaction(async (tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId, { lock: true })
    if (Boolean(topic.lockedAt) === locked) throw conflict(locked ? 'That topic is already locked.' : 'That topic is not locked.')
    await tx
      .update(communityTopics)
      .set({ lockedAt: locked ? new Date() : null, updatedAt: new Date() })
      .where(eq(communityTopics.id, topic.id))
    await tx.insert(communityModeration).values({ postId: topic.id, topicId: topic.id, action: locked ? 'lock' : 'unlock', reason, actorUserId: actor.userId })
    await recordEvent(tx, {
      type: 'community.topic_locked',
      ...topicAbout(actor, topic.id),
      payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, topicTitle: topic.title, locked, reason },
      audience: await audienceFor(tx, space, topic.id),
    })
  })
}

/** The vendor's team moves a topic (with its replies) to another space. */
export async function moveTopic(actor: Actor, topicId: string, input: unknown) {
  assertVendor(actor, "Only the vendor's team can move topics.")
  assertOrgMayAct(actor, 'moderate the community')
  const { spaceId, reason } = parse(MoveSchema, input, 'Check the move.')
  return db.transaction(async (tx) => {
    const { topic, space: from } = await visibleTopic(tx, actor, topicId, { lock: true })
    const [to] = await tx.select().from(communitySpaces).where(eq(communitySpaces.id, spaceId))
    if (!to) throw invalid('Choose a space to move the topic to.', { spaceId: ['Choose a space.'] })
    if (to.id === from.id) throw invalid('The topic is already in that space.', { spaceId: ['Choose another space.'] })
    const before = await audienceFor(tx, from, topic.id)
    await tx.update(communityTopics).set({ spaceId: to.id, updatedAt: new Date() }).where(eq(communityTopics.id, topic.id))
    await tx.insert(communityModeration).values({ postId: topic.id, topicId: topic.id, action: 'move', reason: `${reason} (from ${from.slug} to ${to.slug})`, actorUserId: actor.userId })
    const after = await audienceFor(tx, to, topic.id)
    await recordEvent(tx, {
      type: 'community.topic_moved',
      ...topicAbout(actor, topic.id),
      payload: {
        spaceId: to.id,
        spaceSlug: to.slug,
        topicId: topic.id,
        topicTitle: topic.title,
        fromSpaceId: from.id,
        fromSpaceSlug: from.slug,
        reason,
        authorUserId: await notifiableAuthor(tx, to, topic.authorUserId, topic.authorOrgId),
      },
      // Those who could see it before hear that it left; those who see it now, that it arrived.
      audience: { vendor: true, orgs: [...new Set([...(before.orgs ?? []), ...(after.orgs ?? [])])] },
    })
    return to
  })
}

/** The spaces a topic can be moved to (every space but its own), for the vendor's team. */
export async function moveTargets(actor: Actor, spaceId: string) {
  if (!isVendor(actor)) return []
  return db
    .select({ id: communitySpaces.id, name: communitySpaces.name, slug: communitySpaces.slug })
    .from(communitySpaces)
    .where(sql`${communitySpaces.id} <> ${spaceId}`)
    .orderBy(communitySpaces.name)
}

// ---------------------------------------------------------------------------------------------
// Suspensions

/** The vendor's team suspends a partner's person from posting in a space for some days (they can still read). */
export async function suspendFromSpace(actor: Actor, spaceId: string, input: unknown) {
  assertVendor(actor, "Only the vendor's team can suspend members.")
  assertOrgMayAct(actor, 'moderate the community')
  const { userId, days, reason } = parse(SuspendSchema, input, 'Check the suspension.')
  return db.transaction(async (tx) => {
    const space = await spaceOf(tx, spaceId)
    const [person] = await tx
      .select({ id: users.id, kind: organizations.kind })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(users.id, userId))
    if (!person) throw invalid('Choose a member of a partner organization.', { userId: ['Choose a person.'] })
    if (person.kind === 'vendor') throw invalid("The vendor's team cannot be suspended from the community.", { userId: ['Choose a partner’s member.'] })
    const endsAt = new Date(Date.now() + days * 86_400_000)
    const [row] = await tx.insert(communitySuspensions).values({ spaceId: space.id, userId, reason, endsAt, createdBy: actor.userId }).returning()
    await recordEvent(tx, {
      type: 'community.member_suspended',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'community_space',
      subjectId: space.id,
      payload: { spaceId: space.id, spaceSlug: space.slug, spaceName: space.name, userId, until: endsAt.toISOString(), reason },
      audience: { vendor: true, users: [userId] },
    })
    return row!
  })
}

/** Running suspensions in a space, for the vendor's team. */
export async function suspensionsIn(actor: Actor, spaceId: string) {
  assertVendor(actor)
  return db
    .select({ id: communitySuspensions.id, userId: communitySuspensions.userId, name: users.name, endsAt: communitySuspensions.endsAt, reason: communitySuspensions.reason })
    .from(communitySuspensions)
    .innerJoin(users, eq(users.id, communitySuspensions.userId))
    .where(and(eq(communitySuspensions.spaceId, spaceId), gt(communitySuspensions.endsAt, sql`now()`)))
}
