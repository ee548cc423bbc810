import { sql, type SQL } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { communityReactions, communityReplies, communityTopics } from '#db/schema/community.ts'
import { referrals } from '#db/schema/pipeline.ts'
import { endorsements } from '#db/schema/referrals.ts'

/**
 * Community reputation (the formula is in the README's community section and docs/metrics.md):
 *
 *   user U:          10 × accepted answers + 1 × reactions received
 *   organization O:  10 × accepted answers + 1 × reactions received + 5 × verified endorsements
 *
 * - an accepted answer is a published reply that is its question's accepted answer, not written
 *   by the asker (for an organization: not written for the asking organization);
 * - a reaction received is a reaction, by someone other than the post's author, to a published
 *   post (a topic's opening post or a reply) written by U (for O: written for O);
 * - a verified endorsement is an endorsement given to O for a referral whose status is `won`.
 *
 * All of it all-time, computed set-based for a list of ids in one query per kind.
 */
export const REPUTATION_WEIGHTS = { acceptedAnswer: 10, reaction: 1, endorsement: 5 } as const

export type Reputation = { id: string; acceptedAnswers: number; reactions: number; endorsements: number; score: number }

const idArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`

const score = (r: { acceptedAnswers: number; reactions: number; endorsements: number }) =>
  REPUTATION_WEIGHTS.acceptedAnswer * r.acceptedAnswers + REPUTATION_WEIGHTS.reaction * r.reactions + REPUTATION_WEIGHTS.endorsement * r.endorsements

type Row = { id: string; accepted: number; reactions: number; endorsements: number }

function toMap(rows: Row[]) {
  return new Map(
    rows.map((r) => {
      const rep = { id: r.id, acceptedAnswers: Number(r.accepted), reactions: Number(r.reactions), endorsements: Number(r.endorsements) }
      return [r.id, { ...rep, score: score(rep) }] as const
    }),
  )
}

/** The posts (opening posts and replies) that count: published ones, with their authors. */
const publishedPosts = (by: 'author_user_id' | 'author_org_id', ids: SQL) => sql`(
  select ${communityTopics.id} as post_id, ${communityTopics.authorUserId} as author_user_id, ${communityTopics.authorOrgId} as author_org_id
    from ${communityTopics} where ${communityTopics.state} = 'published' and ${sql.raw(`community_topics.${by}`)} = any(${ids})
  union all
  select ${communityReplies.id}, ${communityReplies.authorUserId}, ${communityReplies.authorOrgId}
    from ${communityReplies} where ${communityReplies.state} = 'published' and ${sql.raw(`community_replies.${by}`)} = any(${ids}))`

/**
 * Reputation by author, people (`author_user_id`) or organizations (`author_org_id`), in one
 * query: accepted answers and reactions received for both; verified endorsements for
 * organizations only (people score 0 for them). Ids without any activity score 0.
 */
async function reputationBy(by: 'author_user_id' | 'author_org_id', authorIds: string[], q: Queryable): Promise<Map<string, Reputation>> {
  const ids = [...new Set(authorIds)]
  if (!ids.length) return new Map()
  const arr = idArray(ids)
  const author = sql.raw(by)
  const orgs = by === 'author_org_id'
  const rows = await queryRows<Row>(
    q,
    sql`with accepted as (
        select r.${author} as id, count(*)::int as n from ${communityReplies} r join ${communityTopics} t on t.accepted_reply_id = r.id
        where r.${author} = any(${arr}) and r.state = 'published' and t.${author} is distinct from r.${author} group by 1),
      reacted as (
        select p.${author} as id, count(*)::int as n from ${publishedPosts(by, arr)} p
        join ${communityReactions} x on x.post_id = p.post_id and x.user_id is distinct from p.author_user_id group by 1)${
          orgs
            ? sql`,
      endorsed as (
        select e.to_org_id as id, count(*)::int as n from ${endorsements} e join ${referrals} rf on rf.id = e.referral_id
        where e.to_org_id = any(${arr}) and rf.status = 'won' group by 1)`
            : sql``
        }
      select ids.id, coalesce(a.n, 0) as accepted, coalesce(x.n, 0) as reactions, ${orgs ? sql`coalesce(e.n, 0)` : sql`0`} as endorsements
      from unnest(${arr}) as ids(id) left join accepted a on a.id = ids.id left join reacted x on x.id = ids.id${orgs ? sql` left join endorsed e on e.id = ids.id` : sql``}`,
  )
  return toMap(rows)
}

/** Reputation of people, by user id (ids without any activity score 0). */
export const userReputation = (userIds: string[], q: Queryable = db) => reputationBy('author_user_id', userIds, q)

/** Reputation of organizations, by organization id (ids without any activity score 0). */
export const orgReputation = (orgIds: string[], q: Queryable = db) => reputationBy('author_org_id', orgIds, q)

/**
 * Reputation for users and/or organizations in one call, e.g. for a topic page (its authors) or
 * for community search ranking (`(await reputationFor({ orgIds })).orgs.get(id)?.score`).
 */
export async function reputationFor({ userIds = [], orgIds = [] }: { userIds?: string[]; orgIds?: string[] }, q: Queryable = db) {
  const [users, orgs] = await Promise.all([userReputation(userIds, q), orgReputation(orgIds, q)])
  return { users, orgs }
}

/** The score alone (0 when unknown), for ranking: a map from organization id to score. */
export async function orgReputationScores(orgIds: string[], q: Queryable = db): Promise<Map<string, number>> {
  const reps = await orgReputation(orgIds, q)
  return new Map([...reps].map(([id, r]) => [id, r.score]))
}
