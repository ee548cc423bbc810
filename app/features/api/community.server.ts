import { isDomainError } from '#app/utils/errors.ts'
import { orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import type { OrgKind, OrgStatus } from '#db/schema/orgs.ts'
import { listSpaces } from '#app/features/community/spaces.server.ts'
import { replyForReader, topicChanges, topicWithReplies } from '#app/features/community/sync.server.ts'
import { acceptAnswer, createTopic, postReply } from '#app/features/community/topics.server.ts'
import { reactionsOf, setFollow, toggleReaction, topicIdOfReply } from '#app/features/community/posts.server.ts'
import { badCursor, decodeCursor, pageOf } from '#app/features/api/cursor.server.ts'
import { ApiError } from '#app/features/api/http.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import {
  AcceptCommunityAnswerSchema,
  CommunityReactionBodySchema,
  CommunitySpaceListQuerySchema,
  CommunityTopicListQuerySchema,
  CommunityTopicQuerySchema,
  CreateCommunityReplySchema,
  CreateCommunityTopicSchema,
  type ApiCommunityFollow,
  type ApiCommunityReactions,
  type ApiCommunityReply,
  type ApiCommunitySpace,
  type ApiCommunityTopic,
  type ApiCommunityTopicDetail,
} from '#app/features/api/schemas.ts'

/**
 * /api/v1/community: the partner community read and written with a key, through the community's
 * own domain functions (the same visibility, moderation, rate limits, spam hold, mention rules and
 * sanitizer as its pages). A key acts as its organization; what it posts is the key creator's.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** GET /api/v1/community/spaces: every space the organization sees (one page: there are few). */
export async function listApiSpaces(actor: Actor, query: unknown) {
  parseInput(CommunitySpaceListQuerySchema, query, 'Bad query parameters.')
  const spaces = await listSpaces(actor)
  const canPost = orgMayAct(actor)
  const data: ApiCommunitySpace[] = spaces.map((s) => ({
    id: s.id,
    object: 'community_space',
    slug: s.slug,
    name: s.name,
    description: s.description,
    visibility: s.visibility,
    topicCount: Number(s.topicCount),
    unansweredCount: Number(s.unansweredCount),
    lastActivityAt: s.lastActivityAt ? new Date(s.lastActivityAt).toISOString() : null,
    canPost,
  }))
  return { object: 'list' as const, data, hasMore: false, nextCursor: null }
}

type TopicRow = Awaited<ReturnType<typeof topicChanges>>[number]
type Author = { authorName: string; authorOrgName: string }

function toApiTopic(row: Pick<TopicRow, 'topic' | 'space' | 'tags'> & Author): ApiCommunityTopic {
  const t = row.topic
  return {
    id: t.id,
    object: 'community_topic',
    space: { id: row.space.id, slug: row.space.slug, name: row.space.name },
    kind: t.kind,
    title: t.title,
    body: t.body,
    tags: row.tags,
    state: t.state,
    pinned: t.pinned,
    locked: t.lockedAt !== null,
    answered: t.acceptedReplyId !== null,
    acceptedReplyId: t.acceptedReplyId,
    replyCount: t.replyCount,
    request: t.request,
    author: { name: row.authorName, orgId: t.authorOrgId, orgName: row.authorOrgName },
    createdAt: t.createdAt.toISOString(),
    editedAt: iso(t.editedAt),
    lastActivityAt: t.lastActivityAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

type ReplyLike = {
  id: string
  topicId?: string
  body: string
  bodyHtml: string
  state: ApiCommunityReply['state']
  authorName: string
  authorOrgId: string
  authorOrgName: string
  createdAt: Date
  editedAt: Date | null
}

const toApiReply = (topicId: string, r: ReplyLike): ApiCommunityReply => ({
  id: r.id,
  object: 'community_reply',
  topicId,
  body: r.body,
  bodyHtml: r.bodyHtml,
  state: r.state,
  author: { name: r.authorName, orgId: r.authorOrgId, orgName: r.authorOrgName },
  createdAt: r.createdAt.toISOString(),
  editedAt: iso(r.editedAt),
})

/** GET /api/v1/community/topics: the topics the organization sees, oldest change first. */
export async function listApiTopics(actor: Actor, query: unknown) {
  const q = parseInput(CommunityTopicListQuerySchema, query, 'Bad query parameters.')
  const rows = await topicChanges(actor, {
    space: q.space,
    tag: q.tag,
    kind: q.kind,
    answered: q.answered === undefined ? undefined : q.answered === 'true',
    after: q.cursor ? decodeCursor(q.cursor) : null,
    updatedSince: q.updated_since,
    limit: q.limit,
  })
  return pageOf(rows, q.limit, toApiTopic)
}

const REPLY_CURSOR = /^p([0-9]{1,5})$/

function replyPageOf(cursor: string | undefined) {
  if (!cursor) return 1
  const match = REPLY_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  const page = match ? Number(match[1]) : 0
  if (page < 2) throw badCursor()
  return page
}

/** GET /api/v1/community/topics/{id}: the topic as its page shows it, with a page of replies. */
export async function getApiTopic(actor: Actor, id: string, query: unknown = {}): Promise<ApiCommunityTopicDetail> {
  const q = parseInput(CommunityTopicQuerySchema, query, 'Bad query parameters.')
  const wanted = replyPageOf(q.cursor)
  const found = await topicWithReplies(actor, id, wanted)
  // The page clamps a page past the end to the last one; a cursor past the end reads as empty.
  const past = wanted > found.page
  const hasMore = !past && found.page < found.pageCount
  const t = found.topic
  return {
    ...toApiTopic({ topic: t, space: found.space, tags: found.tags, authorName: t.authorName, authorOrgName: t.authorOrgName }),
    bodyHtml: t.bodyHtml,
    canReply: found.can.reply,
    replies: {
      object: 'list',
      data: past ? [] : found.replies.map((r) => toApiReply(t.id, r)),
      hasMore,
      nextCursor: hasMore ? Buffer.from(`p${found.page + 1}`).toString('base64url') : null,
    },
  }
}

/**
 * POST /api/v1/community/topics: the "New topic" form's own write (`createTopic`). A space the
 * organization does not see is 404 with the field named, as if it did not exist.
 */
export async function createApiTopic(actor: Actor, body: unknown) {
  const { space, ...input } = parseInput(CreateCommunityTopicSchema, body, 'Check the topic.')
  try {
    const topic = await createTopic(actor, space, input)
    return getApiTopic(actor, topic.id)
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_found')
      throw new ApiError(404, 'not_found', `Your organization sees no community space "${space}". List the spaces it sees with GET /api/v1/community/spaces.`, {
        fieldErrors: { space: ['No space with this slug that your organization sees.'] },
      })
    throw error
  }
}

/** POST /api/v1/community/topics/{id}/replies: the reply box's own write (`postReply`). */
export async function postApiReply(actor: Actor, topicId: string, body: unknown) {
  const input = parseInput(CreateCommunityReplySchema, body, 'Check the reply.')
  const reply = await postReply(actor, topicId, input)
  return toApiReply(topicId, await replyForReader(actor, reply.id))
}

/**
 * POST /api/v1/community/replies/{id}/reactions (`on`) and DELETE …/reactions/{reaction}: the
 * reaction bar's own write (`toggleReaction`), set rather than toggled, so a repeat changes nothing.
 */
export async function setApiReaction(actor: Actor, replyId: string, input: unknown, on: boolean): Promise<ApiCommunityReactions> {
  const { reaction } = parseInput(CommunityReactionBodySchema, input, 'Check the reaction.')
  const topicId = await topicIdOfReply(replyId)
  await toggleReaction(actor, topicId, { postId: replyId, reaction }, on)
  const summary = (await reactionsOf(actor, topicId, [replyId]))[replyId]!
  return { object: 'community_reactions', postId: replyId, topicId, reactions: summary }
}

/** POST/DELETE /api/v1/community/spaces/{space}/follow and /topics/{id}/follow: the Follow buttons' own write (`setFollow`). */
export async function setApiFollow(actor: Actor, target: { space: string } | { topicId: string }, on: boolean): Promise<ApiCommunityFollow> {
  const topicId = 'topicId' in target ? target.topicId : null
  const space = 'space' in target ? target.space : undefined
  await setFollow(actor, space, topicId, { follow: topicId ? 'topic' : 'space', on: on ? 'on' : 'off' })
  return { object: 'community_follow', space: space ?? null, topicId, following: on }
}

/**
 * POST /api/v1/community/topics/{id}/accepted-answer: the "Accept answer" button's own write
 * (`acceptAnswer`: a question's asker or the vendor's team only), answered with the topic.
 */
export async function acceptApiAnswer(actor: Actor, topicId: string, body: unknown) {
  const { replyId } = parseInput(AcceptCommunityAnswerSchema, body, 'Check the answer to accept.')
  await acceptAnswer(actor, topicId, replyId)
  return getApiTopic(actor, topicId)
}

/** An organization reading the community as its pages and keys do, as no one in particular (so nobody's own held posts). */
function orgReader(org: { id: string; kind: OrgKind; status: OrgStatus; name: string }): Actor {
  return { userId: '', email: '', name: org.name, orgId: org.id, orgKind: org.kind, orgStatus: org.status, orgName: org.name, role: org.kind === 'vendor' ? 'vendor_member' : 'partner_member' }
}

/**
 * The `data` of a community webhook message for one organization, built when it is sent: the topic
 * (and reply) exactly as this API gives them to that organization now, through the same visibility
 * rule as the pages. Null, and nothing is sent, when the organization does not see the space now or
 * the post is held for review or hidden.
 */
export async function communityWebhookData(
  type: string,
  stored: Record<string, unknown>,
  org: { id: string; kind: OrgKind; status: OrgStatus; name: string },
): Promise<Record<string, unknown> | null> {
  const actor = orgReader(org)
  // From the queued message (the event's ids) or one already sent (a redelivery): the data built here.
  const accepted = stored.acceptedReply as { id?: unknown } | undefined
  const ids = {
    topicId: stored.topicId ?? (stored.object === 'community_topic' ? stored.id : undefined),
    replyId: stored.replyId ?? (stored.object === 'community_reply' ? stored.id : accepted?.id),
  }
  try {
    const { bodyHtml: _html, canReply: _canReply, replies: _replies, ...topic } = await getApiTopic(actor, String(ids.topicId ?? ''))
    if (topic.state !== 'published') return null
    if (type === 'community.topic_created') return topic
    const reply = toApiReply(topic.id, await replyForReader(actor, String(ids.replyId ?? '')))
    if (reply.state !== 'published') return null
    if (type === 'community.reply_posted') return { ...reply, topic }
    if (type === 'community.answer_accepted') return { ...topic, acceptedReply: reply }
    return null
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_found') return null
    throw error
  }
}
