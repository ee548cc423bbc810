import { and, eq, inArray, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { communityTopicReads } from '#db/schema/community-live.ts'
import { communityTopics } from '#db/schema/community.ts'
import { invalid } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { assertCommunityReader, visibleSpacesWhere, visibleTopic } from '#app/features/community/access.server.ts'
import { topicRoom, type CommunityLiveEvent } from '#app/features/community/live-contract.ts'

/**
 * Read tracking: per person and topic, how many replies they have read (`community_topic_reads`).
 * A topic they never opened is "new"; one with more replies than they read has that many unread.
 * A space's unread count is its published topics that are new or have unread replies.
 */

/** Moves the reader's position forward to `readCount` (clamped to the replies there are); never back. Returns where it was before. */
export async function markTopicRead(actor: Actor, topicId: string, readCount: number, q: Queryable = db) {
  const { topic } = await visibleTopic(q, actor, topicId)
  if (!Number.isInteger(readCount) || readCount < 0) throw invalid('A read position is a whole number of replies.')
  return { ...(await recordRead(q, actor.userId, topic, readCount)), spaceId: topic.spaceId }
}

/**
 * The write behind `markTopicRead`, in one statement, for a caller that has just checked the topic
 * is visible (the topic page's loader): the position before and after.
 */
export async function recordRead(q: Queryable, userId: string, topic: { id: string; replyCount: number }, readCount: number) {
  const position = Math.max(0, Math.min(readCount, topic.replyCount))
  const [row] = await queryRows<{ previous: number | null; read_count: number }>(
    q,
    sql`with before as (select read_count from community_topic_reads where user_id = ${userId} and topic_id = ${topic.id})
        insert into community_topic_reads (user_id, topic_id, read_count, read_at) values (${userId}, ${topic.id}, ${position}, now())
        on conflict (user_id, topic_id) do update set read_count = greatest(community_topic_reads.read_count, excluded.read_count), read_at = excluded.read_at
        returning (select read_count from before) as previous, read_count`,
  )
  const readNow = Number(row!.read_count)
  return { topicId: topic.id, previous: row!.previous === null ? null : Number(row!.previous), readCount: readNow, unread: Math.max(0, topic.replyCount - readNow) }
}

/** Per topic: unread replies, and whether the reader never opened it. Topics not given or not visible are left out. */
export async function unreadByTopic(actor: Actor, topicIds: string[]) {
  assertCommunityReader(actor)
  if (topicIds.length === 0) return {} as Record<string, { unread: number; isNew: boolean }>
  const rows = await db
    .select({ id: communityTopics.id, replyCount: communityTopics.replyCount, readCount: communityTopicReads.readCount })
    .from(communityTopics)
    .leftJoin(communityTopicReads, and(eq(communityTopicReads.topicId, communityTopics.id), eq(communityTopicReads.userId, actor.userId)))
    .where(inArray(communityTopics.id, topicIds))
  return Object.fromEntries(rows.map((r) => [r.id, { unread: r.readCount === null ? r.replyCount : Math.max(0, r.replyCount - r.readCount), isNew: r.readCount === null }]))
}

/** Per visible space: how many of its published topics are new to the reader or have unread replies. */
export async function unreadBySpace(actor: Actor) {
  assertCommunityReader(actor)
  const rows = await queryRows<{ space_id: string; unread: number }>(
    db,
    sql`select t.space_id, count(*)::int as unread
        from community_topics t
        join community_spaces on community_spaces.id = t.space_id
        left join community_topic_reads r on r.topic_id = t.id and r.user_id = ${actor.userId}
        where t.state = 'published' and (r.topic_id is null or r.read_count < t.reply_count) and ${visibleSpacesWhere(actor)}
        group by t.space_id`,
  )
  return Object.fromEntries(rows.map((r) => [r.space_id, Number(r.unread)])) as Record<string, number>
}

// ---------------------------------------------------------------- catch-up ------------------------

const CATCH_UP_LIMIT = 200

/**
 * The newest event about a topic that the relay may already have sent: a page renders its data and
 * hands this id to its socket, which asks for everything after it. Events of transactions still
 * running are left for later, as the relay leaves them.
 */
export async function topicCursor(topicId: string, q: Queryable = db): Promise<{ id: number; txid: number }> {
  const [row] = await queryRows<{ id: string; txid: string }>(
    q,
    sql`select id, txid from domain_events
        where subject_type = 'community_topic' and subject_id = ${topicId} and txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        order by txid desc, id desc limit 1`,
  )
  return row ? { id: Number(row.id), txid: Number(row.txid) } : { id: 0, txid: 0 }
}

/**
 * The community events about a topic after the client's last one, in the relay's (txid, id)
 * order, and only those the relay may already have sent to the topic's room (not, say, a
 * moderation decision meant for the people concerned only): what a reconnecting client missed,
 * exactly. The caller checks that the actor may see the topic.
 */
export async function eventsAfter(topicId: string, afterEventId: number, q: Queryable = db): Promise<{ events: CommunityLiveEvent[]; hasMore: boolean }> {
  let after = { txid: 0, id: 0 }
  if (afterEventId > 0) {
    const [row] = await queryRows<{ txid: string }>(q, sql`select txid from domain_events where id = ${afterEventId} and subject_type = 'community_topic' and subject_id = ${topicId}`)
    if (!row) throw invalid('That event is not one of this topic: reload the page to start over.')
    after = { txid: Number(row.txid), id: afterEventId }
  }
  const rows = await queryRows<{ id: string; txid: string; type: string; subject_id: string; payload: unknown; created_at: Date | string }>(
    q,
    sql`select id, txid, type, subject_id, payload, created_at from domain_events
        where subject_type = 'community_topic' and subject_id = ${topicId} and type like 'community.%'
          and audience @> jsonb_build_object('rooms', jsonb_build_array(${topicRoom(topicId)}::text))
          and (txid, id) > (${after.txid}::bigint, ${after.id}::bigint)
          and txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        order by txid, id limit ${CATCH_UP_LIMIT + 1}`,
  )
  const events = rows.slice(0, CATCH_UP_LIMIT).map((r) => ({
    id: Number(r.id),
    txid: Number(r.txid),
    type: r.type,
    subjectId: r.subject_id,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    at: new Date(r.created_at).toISOString(),
  }))
  return { events, hasMore: rows.length > CATCH_UP_LIMIT }
}
