import { and, asc, count, desc, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityDrafts, communityFollows, communityTopicDrafts, communityTopicTags } from '#db/schema/community-posts.ts'
import { communityReactions, communityReplies, communityRevisions, communitySpaces, communityTopics, REACTIONS, type Reaction } from '#db/schema/community.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { conflict, fieldErrorsOf, invalid, notFound } from '#app/utils/errors.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import {
  assertCommunityReader,
  assertCommunityWriter,
  audienceFor,
  spaceVisibleToPartner,
  visibleSpace,
  visibleSpacesWhere,
  visibleTopic,
  type Space,
  type Topic,
} from '#app/features/community/access.server.ts'
import {
  DraftSchema,
  FOLLOWING_PER_PAGE,
  FollowSchema,
  handleOf,
  mentionedHandles,
  MentionQuerySchema,
  quoteMarkdown,
  ReactionSchema,
  REVISIONS_PER_PAGE,
  TagQuerySchema,
  TOPIC_DRAFT_FIELDS,
  TopicDraftSchema,
  tooManyMentions,
} from '#app/features/community/post-schemas.ts'
import { pageOf, pageCountOf } from '#app/utils/page-query.ts'

/**
 * The posting experience of the community: follows, revisions (edit history), reactions,
 * quote-replies, tags, mentions and reply drafts. Every read and write goes through the same
 * visibility rule as topics (`visibleTopic`/`visibleSpace`): what a person may not see is "not
 * found", whatever the input.
 */

const FORMER = 'A former member'
/** Who wrote a post: the actor writing it, or (when a moderator publishes a held post) its author. */
export type PostAuthor = Pick<Actor, 'userId' | 'orgId' | 'name' | 'orgName'>

const about = (actor: PostAuthor, topic: Pick<Topic, 'id'>) => ({ actorId: actor.userId, orgId: actor.orgId, subjectType: 'community_topic', subjectId: topic.id })
const inTopic = (space: Space, topic: Topic) => ({ spaceId: space.id, spaceSlug: space.slug, topicId: topic.id, topicTitle: topic.title })

// ─── Who can see a space (as people, for mentions and followers) ─────────────────────────────

/** SQL condition on `organizations`: the organization sees the space now (the rule of `orgSeesSpace`, as SQL). */
function orgSeesSpaceWhere(space: Space): SQL {
  if (space.visibility === 'vendor') return sql`${organizations.kind} = 'vendor'`
  const partner = sql`${organizations.kind} = 'partner' and ${organizations.status} in ('active', 'suspended')`
  // Open, invited or segment spaces: the one rule of every read (`spaceVisibleToPartner`).
  return sql`(${organizations.kind} = 'vendor' or (${partner} and exists (select 1 from ${communitySpaces}
    where ${communitySpaces.id} = ${space.id} and ${spaceVisibleToPartner(sql`${organizations.id}`)})))`
}

/** Of these people, those who belong to an organization that sees the space now. */
async function whoSees(q: Queryable, space: Space, userIds: string[]) {
  if (!userIds.length) return []
  const rows = await q
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(inArray(memberships.userId, userIds), orgSeesSpaceWhere(space)))
  return [...new Set(rows.map((r) => r.id))]
}

/**
 * The people an `@handle` names among those who see the space. A handle of nobody who sees it
 * names nobody: it stays plain text, with no error, so a mention reveals nothing about who exists.
 */
async function resolveMentions(q: Queryable, space: Space, handles: string[]) {
  if (!handles.length) return []
  // The SQL narrows by the plain-ASCII form; names with accents are checked again in JavaScript.
  const rows = await q
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        orgSeesSpaceWhere(space),
        sql`(regexp_replace(lower(${users.name}), '[^a-z0-9]', '', 'g') in (${sql.join(
          handles.map((h) => sql`${h}`),
          sql`, `,
        )}) or ${users.name} ~ '[^\\x01-\\x7f]')`,
      ),
    )
  const wanted = new Set(handles)
  return [...new Set(rows.filter((r) => wanted.has(handleOf(r.name))).map((r) => r.id))]
}

/**
 * The organizations an `@address` (their slug) names among those that see the space. An address
 * of an organization that does not see it names nothing: plain text, no error, nothing revealed.
 */
async function resolveOrgMentions(q: Queryable, space: Space, handles: string[]) {
  const slugs = handles.filter((h) => h.length <= 60)
  if (!slugs.length) return []
  return q
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(inArray(organizations.slug, slugs), orgSeesSpaceWhere(space)))
    .orderBy(asc(organizations.id))
}

/**
 * Who a text mentions (the new handles only, when an edit adds some), never the actor: the
 * people named by their handle, and the organizations named by their address with their people
 * to tell (those not already mentioned in person; everyone in an organization that sees the
 * space sees it).
 */
async function mentionTargets(q: Queryable, actor: PostAuthor, space: Space, body: string, before = '') {
  const old = new Set(mentionedHandles(before))
  const handles = mentionedHandles(body).filter((h) => !old.has(h))
  const people = (await resolveMentions(q, space, handles)).filter((id) => id !== actor.userId)
  const orgs = await resolveOrgMentions(q, space, handles)
  const inPerson = new Set([actor.userId, ...people])
  const orgPeople = orgs.length
    ? [
        ...new Set(
          (
            await q
              .select({ id: memberships.userId })
              .from(memberships)
              .where(
                inArray(
                  memberships.orgId,
                  orgs.map((o) => o.id),
                ),
              )
          ).map((r) => r.id),
        ),
      ].filter((id) => !inPerson.has(id))
    : []
  return { people, orgs, orgPeople: orgPeople.slice(0, 500) }
}

/** Records what a post's mentions set off: `community.mentioned` for the people, `community.org_mentioned` for the organizations' people. */
async function recordMentions(tx: Tx, actor: PostAuthor, space: Space, topic: Topic, postId: string, body: string, before = '') {
  const { people, orgs, orgPeople } = await mentionTargets(tx, actor, space, body, before)
  const author = { authorName: actor.name, authorOrgName: actor.orgName }
  if (people.length) {
    await recordEvent(tx, {
      type: 'community.mentioned',
      ...about(actor, topic),
      payload: { ...inTopic(space, topic), postId, ...author, userIds: people },
      // Only the people it notifies: the topic's viewers learn nothing of who was told.
      audience: { users: people },
    })
  }
  if (orgs.length) {
    await recordEvent(tx, {
      type: 'community.org_mentioned',
      ...about(actor, topic),
      payload: { ...inTopic(space, topic), postId, ...author, orgIds: orgs.map((o) => o.id), orgNames: orgs.map((o) => o.name), userIds: orgPeople },
      audience: { users: orgPeople },
    })
  }
  return people
}

/** Refuses a post that mentions too many people (before anything is written). */
export function assertMentionsWithinLimit(body: string, what = 'Check your post.') {
  const error = tooManyMentions(body)
  if (error) throw invalid(`${what} ${error}`, { body: [error] })
}

// ─── After a post is written: mentions, followers, drafts ───────────────────────────────────

/**
 * What a new topic or reply sets off, in the transaction that wrote it: the people it mentions
 * hear of it; followers of the topic (for a reply) or of the space (for a topic) hear of it, once
 * each and never twice for one post; the author's draft for the topic is gone. A post held for
 * moderation notifies nobody: this runs again, for its author, when a moderator publishes it.
 */
export async function afterPostWritten(tx: Tx, actor: PostAuthor, space: Space, topic: Topic, post: { id: string; body: string; state?: string }, options: { keepDraft?: boolean } = {}) {
  const isTopic = post.id === topic.id
  if (!isTopic && !options.keepDraft) await tx.delete(communityDrafts).where(and(eq(communityDrafts.userId, actor.userId), eq(communityDrafts.topicId, topic.id)))
  if (post.state && post.state !== 'published') return
  const author = { authorName: actor.name, authorOrgName: actor.orgName }
  const mentioned = await recordMentions(tx, actor, space, topic, post.id, post.body)
  const followers = await tx
    .select({ userId: communityFollows.userId })
    .from(communityFollows)
    .where(isTopic ? eq(communityFollows.spaceId, space.id) : eq(communityFollows.topicId, topic.id))
  // The topic's author already hears of a reply (community.reply_posted); the mentioned, of their mention.
  const skip = new Set([actor.userId, ...mentioned, ...(isTopic ? [] : [topic.authorUserId ?? ''])])
  const toTell = await whoSees(
    tx,
    space,
    followers.map((f) => f.userId).filter((id) => !skip.has(id)),
  )
  if (toTell.length) {
    await recordEvent(tx, {
      type: 'community.followed_activity',
      ...about(actor, topic),
      payload: { ...inTopic(space, topic), postId: post.id, what: isTopic ? 'topic' : 'reply', ...author, userIds: toTell.slice(0, 500) },
      // Only the followers it notifies: who follows a topic is nobody else's business.
      audience: { users: toTell.slice(0, 500) },
    })
  }
}

// ─── Edit history ────────────────────────────────────────────────────────────────────────────

/**
 * Keeps what an edit replaced (the table `community_revisions`), tells the topic's viewers, and
 * notifies people newly mentioned by the edit. An edit that changes nothing keeps nothing.
 */
export async function keepRevision(
  tx: Tx,
  actor: Actor,
  space: Space,
  topic: Topic,
  post: { id: string; before: { title?: string | null; body: string }; after: { title?: string | null; body: string } },
) {
  const isTopic = post.id === topic.id
  if (post.before.body === post.after.body && (post.before.title ?? null) === (post.after.title ?? null)) return
  await tx.insert(communityRevisions).values({ postId: post.id, topicId: topic.id, title: isTopic ? (post.before.title ?? null) : null, body: post.before.body, editedBy: actor.userId })
  const [{ revisions } = { revisions: 1 }] = await tx.select({ revisions: count() }).from(communityRevisions).where(eq(communityRevisions.postId, post.id))
  const current = isTopic && post.after.title ? { ...topic, title: post.after.title } : topic
  await recordEvent(tx, {
    type: 'community.post_edited',
    ...about(actor, topic),
    payload: { ...inTopic(space, current), postId: post.id, isTopic, revisions },
    audience: await audienceFor(tx, space, topic.id),
  })
  await recordMentions(tx, actor, space, current, post.id, post.after.body, post.before.body)
}

/** A post of a topic the actor sees: the topic itself, or one of its replies (published ones, unless the actor is the vendor's team or its author). */
async function visiblePost(q: Queryable, actor: Actor, topic: Topic, postId: string) {
  if (postId === topic.id) {
    return {
      id: topic.id,
      isTopic: true,
      title: topic.title,
      body: topic.body,
      authorUserId: topic.authorUserId,
      authorOrgId: topic.authorOrgId,
      editedAt: topic.editedAt,
      createdAt: topic.createdAt,
      state: topic.state,
    }
  }
  const [reply] = await q
    .select()
    .from(communityReplies)
    .where(and(eq(communityReplies.id, postId), eq(communityReplies.topicId, topic.id)))
  if (!reply || (reply.state !== 'published' && !isVendor(actor) && reply.authorUserId !== actor.userId)) throw notFound('We could not find that post.')
  return {
    id: reply.id,
    isTopic: false,
    title: null,
    body: reply.body,
    authorUserId: reply.authorUserId,
    authorOrgId: reply.authorOrgId,
    editedAt: reply.editedAt,
    createdAt: reply.createdAt,
    state: reply.state,
  }
}

/** A post's earlier versions, newest first, for anyone who may see the post. */
export async function postHistory(actor: Actor, spaceSlug: string, topicId: string, postId: string, query: unknown = {}) {
  const { topic, space } = await visibleTopic(db, actor, topicId, { spaceSlug })
  if (topic.state !== 'published' && !isVendor(actor) && topic.authorUserId !== actor.userId) throw notFound('We could not find that topic.')
  const post = await visiblePost(db, actor, topic, postId)
  const wanted = pageOf(query)
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(communityRevisions).where(eq(communityRevisions.postId, post.id))
  const pageCount = pageCountOf(total, REVISIONS_PER_PAGE)
  const page = Math.min(wanted, pageCount)
  const rows = await db
    .select({ id: communityRevisions.id, title: communityRevisions.title, body: communityRevisions.body, createdAt: communityRevisions.createdAt, editedByName: users.name })
    .from(communityRevisions)
    .leftJoin(users, eq(users.id, communityRevisions.editedBy))
    .where(eq(communityRevisions.postId, post.id))
    .orderBy(desc(communityRevisions.createdAt), desc(communityRevisions.id))
    .limit(REVISIONS_PER_PAGE)
    .offset((page - 1) * REVISIONS_PER_PAGE)
  const [author] = post.authorUserId ? await db.select({ name: users.name }).from(users).where(eq(users.id, post.authorUserId)) : []
  return {
    space,
    topic: { id: topic.id, title: topic.title },
    post: { id: post.id, isTopic: post.isTopic, title: post.title, bodyHtml: renderMarkdown(post.body), authorName: author?.name ?? FORMER, createdAt: post.createdAt, editedAt: post.editedAt },
    revisions: rows.map((r) => ({ id: r.id, title: r.title, bodyHtml: renderMarkdown(r.body), replacedAt: r.createdAt, editedByName: r.editedByName ?? FORMER })),
    total,
    page,
    pageCount,
  }
}

// ─── Reactions ───────────────────────────────────────────────────────────────────────────────

/**
 * Turns the actor's reaction to a post on, or off if it was on; with `want` (the public API's POST
 * and DELETE), sets it on or off instead, writing nothing when it already is. Reacting to one's own
 * post is refused.
 */
export async function toggleReaction(actor: Actor, topicId: string, input: unknown, want?: boolean) {
  assertCommunityWriter(actor)
  const parsed = ReactionSchema.safeParse(input)
  return db.transaction(async (tx) => {
    const { topic, space } = await visibleTopic(tx, actor, topicId)
    if (!parsed.success) throw invalid('Check your reaction.', fieldErrorsOf(parsed.error))
    const post = await visiblePost(tx, actor, topic, parsed.data.postId)
    if (post.state !== 'published' || topic.state !== 'published') throw notFound('We could not find that post.')
    if (post.authorUserId === actor.userId) throw conflict('You cannot react to your own post.')
    const { reaction } = parsed.data
    const mine = and(eq(communityReactions.postId, post.id), eq(communityReactions.userId, actor.userId), eq(communityReactions.reaction, reaction))
    if (want !== undefined) {
      const [given] = await tx.select({ id: communityReactions.postId }).from(communityReactions).where(mine)
      if (Boolean(given) === want) return { postId: post.id, reaction, on: want }
    }
    const removed = await tx.delete(communityReactions).where(mine).returning()
    const on = removed.length === 0
    if (on) await tx.insert(communityReactions).values({ postId: post.id, topicId: topic.id, userId: actor.userId, reaction })
    await recordEvent(tx, {
      type: 'community.reaction_toggled',
      ...about(actor, topic),
      payload: { ...inTopic(space, topic), postId: post.id, reaction, on },
      audience: await audienceFor(tx, space, topic.id),
    })
    return { postId: post.id, reaction, on }
  })
}

export type ReactionSummary = Record<Reaction, { count: number; mine: boolean }>

/** Per post, how many of each reaction and whether the actor gave it (for posts of a topic the caller has already checked). */
export async function reactionsOf(actor: Actor, topicId: string, postIds: string[]) {
  const rows = postIds.length
    ? await db
        .select({ postId: communityReactions.postId, reaction: communityReactions.reaction, count: count(), mine: sql<boolean>`bool_or(${communityReactions.userId} = ${actor.userId})` })
        .from(communityReactions)
        .where(and(eq(communityReactions.topicId, topicId), inArray(communityReactions.postId, postIds)))
        .groupBy(communityReactions.postId, communityReactions.reaction)
    : []
  const out: Record<string, ReactionSummary> = {}
  for (const id of postIds) out[id] = Object.fromEntries(REACTIONS.map((r) => [r, { count: 0, mine: false }])) as ReactionSummary
  for (const r of rows) out[r.postId]![r.reaction] = { count: Number(r.count), mine: Boolean(r.mine) }
  return out
}

/** The topic a reply belongs to, for writes addressed by the reply alone (the public API); the write then checks who may see it. */
export async function topicIdOfReply(replyId: string) {
  const [reply] = await db.select({ topicId: communityReplies.topicId }).from(communityReplies).where(eq(communityReplies.id, replyId))
  if (!reply) throw notFound('We could not find that post.')
  return reply.topicId
}

// ─── Follows ─────────────────────────────────────────────────────────────────────────────────

/** Follows (or, with `on: 'off'`, stops following) a space or a topic the actor sees. */
export async function setFollow(actor: Actor, spaceSlug: string | undefined, topicId: string | null, input: unknown) {
  assertCommunityReader(actor)
  const parsed = FollowSchema.safeParse(input)
  return db.transaction(async (tx) => {
    const space = topicId ? (await visibleTopic(tx, actor, topicId, { spaceSlug })).space : await visibleSpace(tx, actor, spaceSlug ?? '')
    if (!parsed.success) throw invalid('Check what to follow.', fieldErrorsOf(parsed.error))
    const { follow, on } = parsed.data
    if (follow === 'topic' && !topicId) throw invalid('Choose a topic to follow.', { follow: ['Choose a topic to follow.'] })
    const target = follow === 'topic' ? { spaceId: null, topicId } : { spaceId: space.id, topicId: null }
    const where = and(eq(communityFollows.userId, actor.userId), target.topicId ? eq(communityFollows.topicId, target.topicId) : eq(communityFollows.spaceId, space.id))
    if (on === 'off') {
      await tx.delete(communityFollows).where(where)
      return { follow, on: false }
    }
    const [existing] = await tx.select({ id: communityFollows.id }).from(communityFollows).where(where)
    if (!existing) await tx.insert(communityFollows).values({ userId: actor.userId, ...target })
    return { follow, on: true }
  })
}

/** Whether the actor follows this space and this topic. */
export async function followState(actor: Actor, spaceId: string, topicId?: string) {
  const rows = await db
    .select({ spaceId: communityFollows.spaceId, topicId: communityFollows.topicId })
    .from(communityFollows)
    .where(
      and(eq(communityFollows.userId, actor.userId), topicId ? sql`(${communityFollows.spaceId} = ${spaceId} or ${communityFollows.topicId} = ${topicId})` : eq(communityFollows.spaceId, spaceId)),
    )
  return { space: rows.some((r) => r.spaceId === spaceId), topic: Boolean(topicId) && rows.some((r) => r.topicId === topicId) }
}

/**
 * The spaces and topics the actor follows and still sees, newest follow first, a page at a time.
 * A follow of a space the organization can no longer see is kept but not shown (nor notified).
 */
export async function listFollowing(actor: Actor, query: unknown = {}) {
  assertCommunityReader(actor)
  const wanted = pageOf(query)
  const where = sql`${communityFollows.userId} = ${actor.userId} and ${visibleSpacesWhere(actor)}`
  const base = sql`from ${communityFollows}
    left join ${communityTopics} on ${communityTopics.id} = ${communityFollows.topicId}
    join ${communitySpaces} on ${communitySpaces.id} = coalesce(${communityFollows.spaceId}, ${communityTopics.spaceId})
    where ${where}`
  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total ${base}`)
  const pageCount = pageCountOf(total, FOLLOWING_PER_PAGE)
  const page = Math.min(wanted, pageCount)
  const rows = await queryRows<{
    id: string
    kind: 'space' | 'topic'
    space_slug: string
    space_name: string
    space_colour: string
    topic_id: string | null
    topic_title: string | null
    followed_at: Date
  }>(
    db,
    sql`select ${communityFollows.id} as id, case when ${communityFollows.topicId} is null then 'space' else 'topic' end as kind,
      ${communitySpaces.slug} as space_slug, ${communitySpaces.name} as space_name, ${communitySpaces.colour} as space_colour,
      ${communityTopics.id} as topic_id, ${communityTopics.title} as topic_title, ${communityFollows.createdAt} as followed_at
      ${base} order by ${communityFollows.createdAt} desc, ${communityFollows.id} desc
      limit ${FOLLOWING_PER_PAGE} offset ${(page - 1) * FOLLOWING_PER_PAGE}`,
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      space: { slug: r.space_slug, name: r.space_name, colour: r.space_colour },
      topic: r.topic_id ? { id: r.topic_id, title: r.topic_title ?? '' } : null,
      followedAt: new Date(r.followed_at),
    })),
    page,
    pageCount,
    total,
  }
}

// ─── Tags ────────────────────────────────────────────────────────────────────────────────────

/** Replaces a topic's tags (already parsed by `TagsSchema`); returns what changed (nothing is written when nothing did). */
export async function setTopicTags(tx: Tx, topicId: string, tags: string[]) {
  const before = (await tx.select({ tag: communityTopicTags.tag }).from(communityTopicTags).where(eq(communityTopicTags.topicId, topicId))).map((r) => r.tag)
  const added = tags.filter((t) => !before.includes(t))
  const removed = before.filter((t) => !tags.includes(t))
  if (added.length === 0 && removed.length === 0) return { changed: false, added, removed }
  if (removed.length) await tx.delete(communityTopicTags).where(and(eq(communityTopicTags.topicId, topicId), inArray(communityTopicTags.tag, removed)))
  if (added.length) await tx.insert(communityTopicTags).values(added.map((tag) => ({ topicId, tag })))
  return { changed: true, added, removed }
}

/**
 * The author changed a topic's tags: an event about the topic (`community.topic_tags_changed`), so
 * the search index re-reads it, its viewers reload, and webhooks and the audit log see it even when
 * nothing else was edited (an edit of the title or text is `community.post_edited` as well).
 */
export async function recordTagsChanged(tx: Tx, actor: PostAuthor, space: Space, topic: Topic, tags: string[], change: { added: string[]; removed: string[] }) {
  await recordEvent(tx, {
    type: 'community.topic_tags_changed',
    ...about(actor, topic),
    payload: { ...inTopic(space, topic), tags: [...tags].sort(), added: change.added, removed: change.removed },
    audience: await audienceFor(tx, space, topic.id),
  })
}

/** The `?tag=` filter of a topic list, as a condition on `community_topics` (undefined: no filter). */
export function tagWhere(query: unknown): SQL | undefined {
  const { tag } = TagQuerySchema.parse(query ?? {})
  if (!tag) return undefined
  return sql`exists (select 1 from ${communityTopicTags} where ${communityTopicTags.topicId} = ${communityTopics.id} and ${communityTopicTags.tag} = ${tag})`
}

/** The tag a topic list is filtered by, if any. */
export const tagOf = (query: unknown) => TagQuerySchema.parse(query ?? {}).tag ?? null

/** The tags of these topics (which the caller has already checked the actor sees). */
export async function tagsOf(topicIds: string[]) {
  const rows = topicIds.length ? await db.select().from(communityTopicTags).where(inArray(communityTopicTags.topicId, topicIds)).orderBy(asc(communityTopicTags.tag)) : []
  const out: Record<string, string[]> = {}
  for (const id of topicIds) out[id] = []
  for (const r of rows) out[r.topicId]!.push(r.tag)
  return out
}

/** The most used tags in a space the actor sees (for the filter). */
export async function spaceTags(actor: Actor, spaceSlug: string, limit = 20) {
  const space = await visibleSpace(db, actor, spaceSlug)
  return db
    .select({ tag: communityTopicTags.tag, topics: count() })
    .from(communityTopicTags)
    .innerJoin(communityTopics, eq(communityTopics.id, communityTopicTags.topicId))
    .where(and(eq(communityTopics.spaceId, space.id), eq(communityTopics.state, 'published')))
    .groupBy(communityTopicTags.tag)
    .orderBy(desc(count()), asc(communityTopicTags.tag))
    .limit(limit)
}

// ─── Mentions autocomplete ───────────────────────────────────────────────────────────────────

/** People who see the space whose name contains what was typed, with their handle (at most 8). */
export async function mentionCandidates(actor: Actor, spaceSlug: string, query: unknown) {
  const space = await visibleSpace(db, actor, spaceSlug)
  const parsed = MentionQuerySchema.safeParse(query)
  if (!parsed.success) throw invalid('Type part of a name.', fieldErrorsOf(parsed.error))
  const like = `%${parsed.data.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db
    .select({ id: users.id, name: users.name, orgName: organizations.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(orgSeesSpaceWhere(space), sql`${users.name} ilike ${like}`, ne(users.id, actor.userId)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(8)
  // Organizations that see the space, by name or address (mentioned as `@address`).
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(and(orgSeesSpaceWhere(space), sql`(${organizations.name} ilike ${like} or ${organizations.slug} ilike ${like})`))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(5)
  return [
    ...rows.map((r) => ({ kind: 'person' as const, id: r.id, handle: handleOf(r.name), name: r.name, orgName: r.orgName })).filter((r) => r.handle.length >= 2),
    ...orgs.map((o) => ({ kind: 'organization' as const, id: o.id, handle: o.slug, name: o.name, orgName: o.name })),
  ]
}

// ─── Quote-reply ─────────────────────────────────────────────────────────────────────────────

/** A post of the topic as a Markdown quote for the reply box (published posts only); null when there is nothing to quote. */
export async function quoteOf(actor: Actor, topic: Topic, postId: unknown) {
  if (typeof postId !== 'string' || !postId || postId.length > 64) return null
  const post = await visiblePost(db, actor, topic, postId).catch(() => null)
  if (!post || post.state !== 'published') return null
  const [author] = await db
    .select({ name: users.name, orgName: organizations.name })
    .from(organizations)
    .leftJoin(users, post.authorUserId ? eq(users.id, post.authorUserId) : sql`false`)
    .where(eq(organizations.id, post.authorOrgId))
  return quoteMarkdown(author?.name ?? FORMER, author?.orgName ?? '', post.body)
}

// ─── Drafts ──────────────────────────────────────────────────────────────────────────────────

/** Saves the actor's unsent reply to a topic (an empty one removes the draft). */
export async function saveDraft(actor: Actor, topicId: string, input: unknown) {
  assertCommunityWriter(actor)
  const parsed = DraftSchema.safeParse(input)
  return db.transaction(async (tx) => {
    const { topic } = await visibleTopic(tx, actor, topicId)
    if (!parsed.success) throw invalid('Check your draft.', fieldErrorsOf(parsed.error))
    const key = and(eq(communityDrafts.userId, actor.userId), eq(communityDrafts.topicId, topic.id))
    if (!parsed.data.body.trim()) {
      await tx.delete(communityDrafts).where(key)
      return { saved: false }
    }
    const now = new Date()
    await tx
      .insert(communityDrafts)
      .values({ userId: actor.userId, topicId: topic.id, body: parsed.data.body, updatedAt: now })
      .onConflictDoUpdate({ target: [communityDrafts.userId, communityDrafts.topicId], set: { body: parsed.data.body, updatedAt: now } })
    return { saved: true, savedAt: now }
  })
}

/** The actor's draft reply to a topic (the caller has checked the topic is visible). */
export async function draftOf(actor: Actor, topicId: string) {
  const [row] = await db
    .select({ body: communityDrafts.body, updatedAt: communityDrafts.updatedAt })
    .from(communityDrafts)
    .where(and(eq(communityDrafts.userId, actor.userId), eq(communityDrafts.topicId, topicId)))
  return row ?? null
}

/** Saves the actor's unsent new topic in a space (all fields empty removes the draft). */
export async function saveTopicDraft(actor: Actor, spaceSlug: string, input: unknown) {
  assertCommunityWriter(actor)
  const parsed = TopicDraftSchema.safeParse(input)
  return db.transaction(async (tx) => {
    const space = await visibleSpace(tx, actor, spaceSlug)
    if (!parsed.success) throw invalid('Check your draft.', fieldErrorsOf(parsed.error))
    const fields = Object.fromEntries(TOPIC_DRAFT_FIELDS.flatMap((k) => (parsed.data[k] ? [[k, parsed.data[k]]] : [])))
    const key = and(eq(communityTopicDrafts.userId, actor.userId), eq(communityTopicDrafts.spaceId, space.id))
    // The kind alone (a radio always has a value) is not a draft.
    if (!Object.entries(fields).some(([k, v]) => k !== 'kind' && v.trim())) {
      await tx.delete(communityTopicDrafts).where(key)
      return { saved: false as const }
    }
    const now = new Date()
    await tx
      .insert(communityTopicDrafts)
      .values({ userId: actor.userId, spaceId: space.id, fields, updatedAt: now })
      .onConflictDoUpdate({ target: [communityTopicDrafts.userId, communityTopicDrafts.spaceId], set: { fields, updatedAt: now } })
    return { saved: true as const, savedAt: now }
  })
}

/** The actor's draft of a new topic in a space (the caller has checked the space is visible). */
export async function topicDraftOf(actor: Actor, spaceId: string) {
  const [row] = await db
    .select({ fields: communityTopicDrafts.fields, updatedAt: communityTopicDrafts.updatedAt })
    .from(communityTopicDrafts)
    .where(and(eq(communityTopicDrafts.userId, actor.userId), eq(communityTopicDrafts.spaceId, spaceId)))
  return row ?? null
}

/** Posting a topic in a space removes its author's draft there. */
export async function clearTopicDraft(tx: Tx, userId: string, spaceId: string) {
  await tx.delete(communityTopicDrafts).where(and(eq(communityTopicDrafts.userId, userId), eq(communityTopicDrafts.spaceId, spaceId)))
}

// ─── A topic page's extras ───────────────────────────────────────────────────────────────────

/**
 * What the posting experience adds to a topic page: reactions per post, how many earlier
 * versions each post has, the topic's tags, the follow state, and the reply box's starting text
 * (the saved draft, plus a quoted post when `?quote=` names one).
 */
export async function topicExtras(actor: Actor, topic: Topic, space: Space, replyIds: string[], query: Record<string, unknown> = {}) {
  const postIds = [topic.id, ...replyIds]
  const [reactions, revisionRows, tags, follows, draft, quote] = await Promise.all([
    reactionsOf(actor, topic.id, postIds),
    db
      .select({ postId: communityRevisions.postId, n: count() })
      .from(communityRevisions)
      .where(and(eq(communityRevisions.topicId, topic.id), inArray(communityRevisions.postId, postIds), isNotNull(communityRevisions.postId)))
      .groupBy(communityRevisions.postId),
    tagsOf([topic.id]),
    followState(actor, space.id, topic.id),
    draftOf(actor, topic.id),
    quoteOf(actor, topic, query.quote),
  ])
  const revisions: Record<string, number> = {}
  for (const r of revisionRows) revisions[r.postId] = Number(r.n)
  const start = [draft?.body.trimEnd(), quote].filter(Boolean).join(draft && quote ? '\n\n' : '')
  return {
    reactions,
    revisions,
    tags: tags[topic.id] ?? [],
    follows,
    topicIsMine: topic.authorUserId === actor.userId,
    draft: draft ? { savedAt: draft.updatedAt } : null,
    replyStart: start || null,
    quoting: Boolean(quote),
  }
}
