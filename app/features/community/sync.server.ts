import { and, asc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { communityReplies, communitySpaces, communityTopics, type TopicKind } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import { notFound } from '#app/utils/errors.ts'
import { isVendor, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { keysetFilter, positionOf, type Position } from '#app/features/api/cursor.server.ts'
import { assertCommunityReader, visibleSpace, visibleSpacesWhere, visibleTopic } from '#app/features/community/access.server.ts'
import { postsShownWhere, shownBody, topicsListedWhere } from '#app/features/community/moderation.server.ts'
import { tagsOf, tagWhere } from '#app/features/community/posts.server.ts'
import { getTopic } from '#app/features/community/topics.server.ts'

/**
 * The community read by a program (the public API): every topic the actor's organization sees,
 * across its spaces, in change order (`updatedAt`, then id) so a sync sees each change once. The
 * same rules as the pages: the space visibility of `visibleSpacesWhere`/`visibleSpace`, the
 * listing rule of `topicsListedWhere` (published topics and the actor's own held ones; the vendor's
 * team sees all), and `shownBody` for hidden text.
 */

const FORMER = 'A former member'

export type TopicChangesQuery = {
  /** A space's slug: only its topics (not found when the actor may not see it). */
  space?: string
  tag?: string
  kind?: TopicKind
  /** true: questions with an accepted answer; false: questions without one (the pages' "unanswered"). */
  answered?: boolean
  after: Position | null
  updatedSince?: string
  limit: number
}

function answeredWhere(answered: boolean | undefined): SQL | undefined {
  if (answered === undefined) return undefined
  return and(eq(communityTopics.kind, 'question'), answered ? isNotNull(communityTopics.acceptedReplyId) : isNull(communityTopics.acceptedReplyId))
}

/** One page (limit + 1 rows, for `pageOf`) of the topics the actor sees, oldest change first. */
export async function topicChanges(actor: Actor, q: TopicChangesQuery) {
  assertCommunityReader(actor)
  const space = q.space ? await visibleSpace(db, actor, q.space) : null
  const rows = await db
    .select({
      topic: communityTopics,
      space: { id: communitySpaces.id, slug: communitySpaces.slug, name: communitySpaces.name },
      authorName: users.name,
      authorOrgName: organizations.name,
      position: positionOf(communityTopics.updatedAt),
      id: communityTopics.id,
    })
    .from(communityTopics)
    .innerJoin(communitySpaces, eq(communitySpaces.id, communityTopics.spaceId))
    .innerJoin(organizations, eq(organizations.id, communityTopics.authorOrgId))
    .leftJoin(users, eq(users.id, communityTopics.authorUserId))
    .where(
      and(
        visibleSpacesWhere(actor),
        topicsListedWhere(actor),
        space ? eq(communityTopics.spaceId, space.id) : undefined,
        q.kind ? eq(communityTopics.kind, q.kind) : undefined,
        answeredWhere(q.answered),
        q.tag ? tagWhere({ tag: q.tag }) : undefined,
        ...keysetFilter(communityTopics.updatedAt, communityTopics.id, q.after, q.updatedSince),
      ),
    )
    .orderBy(asc(communityTopics.updatedAt), asc(communityTopics.id))
    .limit(q.limit + 1)
  const tags = await tagsOf(rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, topic: { ...r.topic, body: shownBody(actor, r.topic) }, tags: tags[r.id] ?? [], authorName: r.authorName ?? FORMER }))
}

/**
 * A topic with one page of its replies, exactly as its page shows it (`getTopic`: visibility, held
 * and hidden posts, sanitized HTML), with its space and tags.
 */
export async function topicWithReplies(actor: Actor, topicId: string, page: number) {
  const { space } = await visibleTopic(db, actor, topicId)
  const found = await getTopic(actor, space.slug, topicId, { page })
  const tags = await tagsOf([topicId])
  return { ...found, tags: tags[topicId] ?? [], canPost: orgMayAct(actor) }
}

/** One reply as its topic's page shows it (for the answer to a reply just posted): not found where the page would not show it. */
export async function replyForReader(actor: Actor, replyId: string) {
  const [row] = await db
    .select({ reply: communityReplies, authorName: users.name, authorOrgName: organizations.name })
    .from(communityReplies)
    .innerJoin(organizations, eq(organizations.id, communityReplies.authorOrgId))
    .leftJoin(users, eq(users.id, communityReplies.authorUserId))
    .where(and(eq(communityReplies.id, replyId), postsShownWhere(actor, communityReplies)))
  if (!row) throw notFound('We could not find that reply.')
  const { topic } = await visibleTopic(db, actor, row.reply.topicId)
  if (topic.state === 'held' && topic.authorUserId !== actor.userId && !isVendor(actor)) throw notFound('We could not find that reply.')
  const body = shownBody(actor, row.reply)
  return { ...row.reply, body, bodyHtml: renderMarkdown(body), authorName: row.authorName ?? FORMER, authorOrgName: row.authorOrgName }
}
