import { aliasedTable, and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { db, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityReplies, communitySpaceTopicCounts, communityTopics } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import { conflict, fieldErrorsOf, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { isVendor, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { conversionLinks, conversionsOf, requestMatches } from '#app/features/community/requests.server.ts'
import { assertCommunityWriter, audienceFor, notifiableAuthor, visibleSpace, visibleTopic, type Topic } from '#app/features/community/access.server.ts'
import { assertMayPost, holdReason, postsShownWhere, recordHold, shownBody, topicsListedWhere, touchTopic } from '#app/features/community/moderation.server.ts'
import { reputationFor } from '#app/features/community/reputation.server.ts'
import { afterPostWritten, assertMentionsWithinLimit, clearTopicDraft, keepRevision, recordTagsChanged, setTopicTags, tagOf, tagWhere } from '#app/features/community/posts.server.ts'
import { EditTopicSchema, PinSchema, REPLIES_PER_PAGE, ReplySchema, TopicListQuerySchema, TopicSchema, TOPICS_PER_PAGE, type TopicFilter } from '#app/features/community/schemas.ts'
import { pageOf, pageCountOf } from '#app/utils/page-query.ts'
import { instantAt, microsOf, pastPosition, takePage } from '#app/utils/keyset.server.ts'

/** What a filter keeps: "unanswered" is a question without an accepted answer. */
function filterWhere(filter: TopicFilter): SQL | undefined {
  if (filter === 'unanswered') return and(eq(communityTopics.kind, 'question'), isNull(communityTopics.acceptedReplyId))
  if (filter === 'questions') return eq(communityTopics.kind, 'question')
  if (filter === 'requests') return eq(communityTopics.kind, 'request')
  return undefined
}

/** Where a row sits in the list, as a cursor (`TOPIC_CURSOR`); microseconds, so no two instants collapse. */
const cursorOf = (t: { pinned: boolean; activityKey: string; id: string }) => `${t.pinned ? 'p' : 'n'}.${t.activityKey}.${t.id}`
function cursorWhere(cursor: string, direction: 'after' | 'before'): SQL {
  const [pinned, micros] = cursor.split('.', 2) as [string, string]
  const id = cursor.slice(pinned.length + micros.length + 2)
  const place = [sql`${pinned === 'p'}::boolean`, instantAt(micros), sql`${id}::text`]
  // The list runs from the top (pinned, latest, highest id) down: "after" is further down.
  return pastPosition([communityTopics.pinned, communityTopics.lastActivityAt, communityTopics.id], place, direction === 'after' ? 'desc' : 'asc')
}

/**
 * How many topics the actor sees in the space under a filter, from the maintained counters
 * (`community_space_topic_counts`): published topics (every state for the vendor's team), plus a
 * member's own held topics. A tag filter counts through the tag's index instead.
 */
async function spaceTotal(actor: Actor, spaceId: string, filter: TopicFilter, tagCondition: SQL | undefined) {
  if (tagCondition) {
    const [{ total } = { total: 0 }] = await db
      .select({ total: count() })
      .from(communityTopics)
      .where(and(eq(communityTopics.spaceId, spaceId), filterWhere(filter), tagCondition, topicsListedWhere(actor)))
    return total
  }
  const c = communitySpaceTopicCounts
  const kindWhere =
    filter === 'unanswered' ? and(eq(c.kind, 'question'), eq(c.answered, false)) : filter === 'questions' ? eq(c.kind, 'question') : filter === 'requests' ? eq(c.kind, 'request') : undefined
  const [counted] = await db
    .select({ total: sql<number>`coalesce(sum(${c.topics}), 0)`.mapWith(Number) })
    .from(c)
    .where(and(eq(c.spaceId, spaceId), kindWhere, isVendor(actor) ? undefined : eq(c.state, 'published')))
  if (isVendor(actor)) return counted?.total ?? 0
  const [own] = await db
    .select({ total: count() })
    .from(communityTopics)
    .where(and(eq(communityTopics.spaceId, spaceId), eq(communityTopics.state, 'held'), eq(communityTopics.authorUserId, actor.userId), filterWhere(filter)))
  return (counted?.total ?? 0) + (own?.total ?? 0)
}

/**
 * A space's topics, pinned first then by latest activity, 20 at a time by keyset: `?after=` the
 * last topic of a page gives the older ones, `?before=` the first gives the newer ones (plain
 * links, no JavaScript needed). The total comes from the maintained counters, not a count.
 */
export async function listTopics(actor: Actor, spaceSlug: string, query: unknown = {}) {
  const space = await visibleSpace(db, actor, spaceSlug)
  const { filter, after, before } = TopicListQuerySchema.parse(query ?? {})
  const tagCondition = tagWhere(query)
  const direction = after ? 'after' : before ? 'before' : null
  const where = and(eq(communityTopics.spaceId, space.id), filterWhere(filter), tagCondition, topicsListedWhere(actor), direction ? cursorWhere((after ?? before)!, direction) : undefined)
  const order =
    direction === 'before'
      ? [asc(communityTopics.pinned), asc(communityTopics.lastActivityAt), asc(communityTopics.id)]
      : [desc(communityTopics.pinned), desc(communityTopics.lastActivityAt), desc(communityTopics.id)]
  const [rows, total] = await Promise.all([
    db
      .select({
        id: communityTopics.id,
        kind: communityTopics.kind,
        title: communityTopics.title,
        pinned: communityTopics.pinned,
        state: communityTopics.state,
        locked: sql<boolean>`${communityTopics.lockedAt} is not null`,
        answered: sql<boolean>`${communityTopics.acceptedReplyId} is not null`,
        replyCount: communityTopics.replyCount,
        lastActivityAt: communityTopics.lastActivityAt,
        activityKey: microsOf(communityTopics.lastActivityAt),
        createdAt: communityTopics.createdAt,
        authorName: users.name,
        authorOrgName: organizations.name,
      })
      .from(communityTopics)
      .leftJoin(users, eq(users.id, communityTopics.authorUserId))
      .innerJoin(organizations, eq(organizations.id, communityTopics.authorOrgId))
      .where(where)
      .orderBy(...order)
      .limit(TOPICS_PER_PAGE + 1),
    spaceTotal(actor, space.id, filter, tagCondition),
  ])
  const { rows: page, hasMore: more } = takePage(rows, TOPICS_PER_PAGE)
  if (direction === 'before') page.reverse()
  const topics = page.map(({ activityKey: _key, ...t }) => t)
  const first = page[0]
  const last = page[page.length - 1]
  // Going down, there are newer ones above (we came from them); going up, older ones below.
  const newer = first && (direction === 'after' || (direction === 'before' && more)) ? cursorOf(first) : null
  const older = last && (direction === 'before' || more) ? cursorOf(last) : null
  return { space, topics, filter, tag: tagOf(query), total, newer, older, isFirst: !newer, canPost: orgMayAct(actor) }
}

/** A topic with one page of its replies, bodies rendered to sanitized HTML, and what the actor may do. */
export async function getTopic(actor: Actor, spaceSlug: string, topicId: string, query: unknown = {}) {
  const { topic, space } = await visibleTopic(db, actor, topicId, { spaceSlug })
  // A topic held for review is its author's and the moderators' alone until it is published.
  if (topic.state === 'held' && topic.authorUserId !== actor.userId && !isVendor(actor)) throw notFound('We could not find that topic.')
  // "last" opens the newest replies (where a reply just posted lands); a reply's permalink (`?reply=`, see replyHref) opens its page.
  const asked = (query ?? {}) as { page?: unknown; reply?: unknown }
  const wantsLast = asked.page === 'last'
  const replyPage = asked.page === undefined && typeof asked.reply === 'string' ? await pageHolding(actor, topic.id, asked.reply) : pageOf(query)
  const [author] = await db
    .select({ name: users.name, orgName: organizations.name })
    .from(organizations)
    .leftJoin(users, topic.authorUserId ? eq(users.id, topic.authorUserId) : sql`false`)
    .where(eq(organizations.id, topic.authorOrgId))
  const pageCount = pageCountOf(topic.replyCount, REPLIES_PER_PAGE)
  const page = wantsLast ? pageCount : Math.min(replyPage, pageCount)
  const replyAuthor = aliasedTable(users, 'reply_author')
  const replies = await db
    .select({
      id: communityReplies.id,
      body: communityReplies.body,
      state: communityReplies.state,
      createdAt: communityReplies.createdAt,
      editedAt: communityReplies.editedAt,
      authorUserId: communityReplies.authorUserId,
      authorName: replyAuthor.name,
      authorOrgId: communityReplies.authorOrgId,
      authorOrgName: organizations.name,
      authorOrgSlug: organizations.slug,
      authorIsVendor: sql<boolean>`${organizations.kind} = 'vendor'`,
    })
    .from(communityReplies)
    .leftJoin(replyAuthor, eq(replyAuthor.id, communityReplies.authorUserId))
    .innerJoin(organizations, eq(organizations.id, communityReplies.authorOrgId))
    // Hidden replies show as hidden; held ones only to their author (awaiting review) and the moderators.
    .where(and(eq(communityReplies.topicId, topic.id), postsShownWhere(actor, communityReplies)))
    .orderBy(asc(communityReplies.createdAt), asc(communityReplies.id))
    .limit(REPLIES_PER_PAGE)
    .offset((page - 1) * REPLIES_PER_PAGE)
  const accepted = topic.acceptedReplyId ? await acceptedReply(actor, topic.acceptedReplyId) : null
  const canWrite = orgMayAct(actor)
  const isRequest = topic.kind === 'request' && topic.request !== null
  // The asker turns another partner's reply into a referral or a co-sell in one click.
  const converts = isRequest && canWrite && topic.authorUserId === actor.userId
  const [matches, conversions] = isRequest ? await Promise.all([requestMatches(topic), conversionsOf(topic.id)]) : [[], []]
  const reputation = await reputationFor({
    userIds: [topic.authorUserId, ...replies.map((r) => r.authorUserId)].filter((x): x is string => Boolean(x)),
    orgIds: [topic.authorOrgId, ...replies.map((r) => r.authorOrgId)],
  })
  const repOf = (userId: string | null, orgId: string) => ({ user: userId ? (reputation.users.get(userId)?.score ?? 0) : null, org: reputation.orgs.get(orgId)?.score ?? 0 })
  return {
    space,
    topic: {
      ...topic,
      body: shownBody(actor, topic),
      bodyHtml: renderMarkdown(shownBody(actor, topic)),
      reputation: repOf(topic.authorUserId, topic.authorOrgId),
      authorName: author?.name ?? 'A former member',
      authorOrgName: author?.orgName ?? '',
    },
    replies: replies.map((r) => ({
      ...r,
      body: shownBody(actor, r),
      bodyHtml: renderMarkdown(shownBody(actor, r)),
      reputation: repOf(r.authorUserId, r.authorOrgId),
      authorName: r.authorName ?? 'A former member',
      isMine: r.authorUserId === actor.userId,
      // Never from a hidden or held reply: its link would carry the text the moderators took down.
      convert: converts && r.state === 'published' && !r.authorIsVendor && r.authorOrgId !== actor.orgId ? conversionLinks(topic, r) : null,
      converted: conversions.filter((c) => c.replyId === r.id).map((c) => c.kind),
    })),
    matches,
    conversionCount: conversions.length,
    accepted,
    page,
    pageCount,
    can: {
      reply: canWrite && !topic.lockedAt,
      report: canWrite,
      moderate: isVendor(actor),
      accept: canWrite && topic.kind === 'question' && mayChooseAnswer(actor, topic),
      edit: canWrite && topic.authorUserId === actor.userId,
      pin: isVendor(actor),
    },
  }
}

/**
 * The page of a topic that shows this reply to the actor: the replies it is shown before it, in the
 * page's order (created, then id), `REPLIES_PER_PAGE` a page. A reply it is not shown: the first page.
 */
async function pageHolding(actor: Actor, topicId: string, replyId: string) {
  const [row] = await db
    .select({ before: count() })
    .from(communityReplies)
    .where(
      and(
        eq(communityReplies.topicId, topicId),
        postsShownWhere(actor, communityReplies),
        sql`(${communityReplies.createdAt}, ${communityReplies.id}) < (select r.created_at, r.id from ${communityReplies} r where r.id = ${replyId} and r.topic_id = ${topicId})`,
      ),
    )
  return Math.floor((row?.before ?? 0) / REPLIES_PER_PAGE) + 1
}

/** The accepted answer's box: not shown to members while the reply is hidden by the moderators. */
async function acceptedReply(actor: Actor, replyId: string) {
  const [reply] = await db
    .select({ id: communityReplies.id, body: communityReplies.body, state: communityReplies.state, authorName: users.name, authorOrgName: organizations.name, createdAt: communityReplies.createdAt })
    .from(communityReplies)
    .leftJoin(users, eq(users.id, communityReplies.authorUserId))
    .innerJoin(organizations, eq(organizations.id, communityReplies.authorOrgId))
    .where(eq(communityReplies.id, replyId))
  if (!reply || (reply.state !== 'published' && !isVendor(actor))) return null
  return { ...reply, bodyHtml: renderMarkdown(reply.body), authorName: reply.authorName ?? 'A former member' }
}

/** The asker or the vendor's team chooses a question's answer. */
const mayChooseAnswer = (actor: Actor, topic: Topic) => topic.authorUserId === actor.userId || isVendor(actor)

/** A member starts a discussion or asks a question in a space they can see. */
export async function createTopic(actor: Actor, spaceSlug: string, input: unknown): Promise<Topic> {
  assertCommunityWriter(actor)
  const parsed = TopicSchema.safeParse(input)
  return db.transaction(async (tx) => {
    // Visibility first: a space the actor cannot see is "not found" whatever the input. (A
    // vendor-only space is visible to the vendor's team alone, so only it can post there.)
    const space = await visibleSpace(tx, actor, spaceSlug)
    if (!parsed.success) throw invalid('Check your topic.', fieldErrorsOf(parsed.error))
    assertMentionsWithinLimit(parsed.data.body, 'Check your topic.')
    await assertMayPost(tx, actor, space)
    const hold = await holdReason(tx, actor, parsed.data.body, parsed.data.title)
    const now = new Date()
    const { kind, title, body } = parsed.data
    const request =
      parsed.data.kind === 'request'
        ? { need: parsed.data.need ?? '', region: parsed.data.region ?? null, industry: parsed.data.industry ?? null, skills: parsed.data.skills, deadline: parsed.data.deadline ?? null }
        : null
    const [topic] = await tx
      .insert(communityTopics)
      .values({
        spaceId: space.id,
        kind,
        title,
        body,
        request,
        authorUserId: actor.userId,
        authorOrgId: actor.orgId,
        lastActivityAt: now,
        createdAt: now,
        updatedAt: now,
        state: hold ? 'held' : 'published',
      })
      .returning()
    await setTopicTags(tx, topic!.id, parsed.data.tags ?? [])
    await clearTopicDraft(tx, actor.userId, space.id)
    // A held topic waits in the moderation queue; it is announced (and its followers and mentions
    // notified, `publishHeld`) when a moderator publishes it.
    if (hold) {
      await recordHold(tx, actor, space, topic!, { id: topic!.id, kind: 'topic' }, hold)
      return topic!
    }
    await recordEvent(tx, {
      type: 'community.topic_created',
      ...about(actor, topic!),
      payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic!.id, kind: topic!.kind, title: topic!.title, authorName: actor.name, authorOrgName: actor.orgName },
      audience: await audienceFor(tx, space, topic!.id),
    })
    await afterPostWritten(tx, actor, space, topic!, topic!)
    return topic!
  })
}

const about = (actor: Actor, topic: Pick<Topic, 'id'>) => ({ actorId: actor.userId, orgId: actor.orgId, subjectType: 'community_topic', subjectId: topic.id })

/** A member replies to a topic; the topic's author hears of it. */
export async function postReply(actor: Actor, topicId: string, input: unknown) {
  assertCommunityWriter(actor)
  const parsed = ReplySchema.safeParse(input)
  return db.transaction(async (tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId, { lock: true })
    if (topic.state === 'held' && topic.authorUserId !== actor.userId && !isVendor(actor)) throw notFound('We could not find that topic.')
    if (!parsed.success) throw invalid('Check your reply.', fieldErrorsOf(parsed.error))
    assertMentionsWithinLimit(parsed.data.body, 'Check your reply.')
    await assertMayPost(tx, actor, space, topic)
    const hold = await holdReason(tx, actor, parsed.data.body)
    const now = new Date()
    const [reply] = await tx
      .insert(communityReplies)
      .values({ topicId: topic.id, body: parsed.data.body, authorUserId: actor.userId, authorOrgId: actor.orgId, createdAt: now, state: hold ? 'held' : 'published' })
      .returning()
    // A held reply waits in the moderation queue, uncounted and unannounced, until a moderator publishes it.
    if (hold) {
      await recordHold(tx, actor, space, topic, { id: reply!.id, kind: 'reply' }, hold)
      // The author's draft is gone; nobody is notified of a held post (see afterPostWritten).
      await afterPostWritten(tx, actor, space, topic, reply!)
      return reply!
    }
    await tx
      .update(communityTopics)
      .set({ replyCount: sql`${communityTopics.replyCount} + 1`, lastActivityAt: now, updatedAt: now })
      .where(eq(communityTopics.id, topic.id))
    await recordEvent(tx, {
      type: 'community.reply_posted',
      ...about(actor, topic),
      payload: {
        spaceId: space.id,
        spaceSlug: space.slug,
        topicId: topic.id,
        replyId: reply!.id,
        topicTitle: topic.title,
        authorName: actor.name,
        authorOrgName: actor.orgName,
        topicAuthorUserId: await notifiableAuthor(tx, space, topic.authorUserId, topic.authorOrgId),
      },
      audience: await audienceFor(tx, space, topic.id),
    })
    await afterPostWritten(tx, actor, space, topic, reply!)
    return reply!
  })
}

/** The asker (or the vendor's team) accepts a reply as the answer to a question; choosing another replaces it. */
export async function acceptAnswer(actor: Actor, topicId: string, replyId: string) {
  assertCommunityWriter(actor)
  return db.transaction(async (tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId, { lock: true })
    if (topic.kind !== 'question') throw conflict('Only a question has an accepted answer; this topic is a discussion.')
    if (!mayChooseAnswer(actor, topic)) throw forbidden("Only the person who asked, or the vendor's team, can accept an answer.")
    const [reply] = await tx
      .select()
      .from(communityReplies)
      .where(and(eq(communityReplies.id, replyId), eq(communityReplies.topicId, topic.id), eq(communityReplies.state, 'published')))
    if (!reply) throw invalid('Choose a reply in this topic to accept.', { replyId: ['Choose a reply in this topic.'] })
    if (topic.acceptedReplyId === reply.id) throw conflict('That reply is already the accepted answer.')
    await tx.update(communityTopics).set({ acceptedReplyId: reply.id, acceptedAt: new Date(), lastActivityAt: new Date(), updatedAt: new Date() }).where(eq(communityTopics.id, topic.id))
    await recordEvent(tx, {
      type: 'community.answer_accepted',
      ...about(actor, topic),
      payload: {
        spaceId: space.id,
        spaceSlug: space.slug,
        topicId: topic.id,
        replyId: reply.id,
        topicTitle: topic.title,
        acceptedByName: actor.name,
        replyAuthorUserId: await notifiableAuthor(tx, space, reply.authorUserId, reply.authorOrgId),
      },
      audience: await audienceFor(tx, space, topic.id),
    })
    return reply
  })
}

/** The author edits their topic's title and text. */
export async function editTopic(actor: Actor, topicId: string, input: unknown) {
  assertCommunityWriter(actor)
  const parsed = EditTopicSchema.safeParse(input)
  return db.transaction(async (tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId, { lock: true })
    if (topic.authorUserId !== actor.userId) throw forbidden('Only its author can edit this topic.')
    if (!parsed.success) throw invalid('Check your topic.', fieldErrorsOf(parsed.error))
    assertMentionsWithinLimit(parsed.data.body, 'Check your topic.')
    const { tags, ...fields } = parsed.data
    const [updated] = await tx
      .update(communityTopics)
      .set({ ...fields, editedAt: new Date(), updatedAt: new Date() })
      .where(eq(communityTopics.id, topic.id))
      .returning()
    const tagChange = tags ? await setTopicTags(tx, topic.id, tags) : null
    await keepRevision(tx, actor, space, topic, { id: topic.id, before: topic, after: updated! })
    if (tags && tagChange?.changed) await recordTagsChanged(tx, actor, space, updated!, tags, tagChange)
    return updated!
  })
}

/** The author edits their reply. */
export async function editReply(actor: Actor, replyId: string, input: unknown) {
  assertCommunityWriter(actor)
  const parsed = ReplySchema.safeParse(input)
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ topicId: communityReplies.topicId }).from(communityReplies).where(eq(communityReplies.id, replyId))
    if (!found) throw notFound('We could not find that reply.')
    const { topic, space } = await visibleTopic(tx, actor, found.topicId, { lock: true })
    const [reply] = await tx.select().from(communityReplies).where(eq(communityReplies.id, replyId))
    if (reply!.authorUserId !== actor.userId) throw forbidden('Only its author can edit this reply.')
    if (!parsed.success) throw invalid('Check your reply.', fieldErrorsOf(parsed.error))
    assertMentionsWithinLimit(parsed.data.body, 'Check your reply.')
    const [updated] = await tx.update(communityReplies).set({ body: parsed.data.body, editedAt: new Date() }).where(eq(communityReplies.id, replyId)).returning()
    await touchTopic(tx, topic.id)
    await keepRevision(tx, actor, space, topic, { id: reply!.id, before: reply!, after: updated! })
    return updated!
  })
}

/** The vendor's team pins a topic to the top of its space, or unpins it. */
export async function setPinned(actor: Actor, topicId: string, input: unknown) {
  assertCommunityWriter(actor)
  const { pinned } = PinSchema.parse(input)
  return db.transaction(async (tx: Tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId, { lock: true })
    if (!isVendor(actor)) throw forbidden("Only the vendor's team can pin topics.")
    await tx.update(communityTopics).set({ pinned, updatedAt: new Date() }).where(eq(communityTopics.id, topic.id))
    await recordEvent(tx, {
      type: 'community.topic_pinned',
      ...about(actor, topic),
      payload: { spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, pinned },
      audience: await audienceFor(tx, space, topic.id),
    })
  })
}
