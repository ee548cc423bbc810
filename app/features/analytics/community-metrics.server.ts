import { sql, type SQL } from 'drizzle-orm'
import type { Period } from '#app/features/analytics/period.ts'
import { periodBounds } from '#app/features/analytics/metrics-sql.server.ts'

/** The community fields (float8 where they are rates or hours). */
export type CommunityRow = {
  active_members: number
  topics: number
  replies: number
  answer_rate: number | null
  median_hours_to_first_reply: number | null
  partner_answer_share: number | null
  requests_converted: number
}

/**
 * The community KPIs of docs/metrics.md ("Community"). A post is hidden at a time when the last
 * hold, hide or restore recorded for it before that time is a hold or a hide (community_moderation
 * keeps every one, so a post hidden after the period still counts, and one restored before its
 * end counts again). The community is not narrowed by the partner filters: every number covers
 * the whole community.
 */
export function communitySql(period: Period): SQL {
  const { inPeriod, to } = periodBounds(period)
  const hiddenAtEnd = (postId: SQL) => sql`coalesce((
      select m.action in ('hold', 'hide') from community_moderation m
      where m.post_id = ${postId} and m.action in ('hold', 'hide', 'restore') and m.created_at < ${to}::timestamptz
      order by m.created_at desc, m.id desc limit 1), false)`
  return sql`
  with
  t as (select id, kind, author_user_id, created_at, accepted_reply_id, accepted_at from community_topics where ${inPeriod(sql`created_at`)}),
  r as (select id, author_user_id from community_replies where ${inPeriod(sql`created_at`)}),
  members as (
    select author_user_id as user_id from t where author_user_id is not null
    union select author_user_id from r where author_user_id is not null
    union select user_id from community_reactions where ${inPeriod(sql`created_at`)}
  ),
  questions as (
    select t.id, t.accepted_at,
      (select min(x.created_at) from community_replies x
        where x.topic_id = t.id and x.author_user_id is distinct from t.author_user_id and x.created_at < ${to}::timestamptz) as first_reply_at,
      t.created_at
    from t where t.kind = 'question'
  ),
  accepted as (
    select o.kind = 'partner' as by_partner
    from community_topics a
    join community_replies ar on ar.id = a.accepted_reply_id
    join organizations o on o.id = ar.author_org_id
    where a.accepted_reply_id is not null and ${inPeriod(sql`a.accepted_at`)}
  )
  select
    (select count(*) from members)::float8 as active_members,
    (select count(*) from t where not ${hiddenAtEnd(sql`t.id`)})::float8 as topics,
    (select count(*) from r where not ${hiddenAtEnd(sql`r.id`)})::float8 as replies,
    (select (count(*) filter (where accepted_at < ${to}::timestamptz))::float8 / nullif(count(*), 0) from questions) as answer_rate,
    (select percentile_cont(0.5) within group (order by extract(epoch from first_reply_at - created_at)::float8 / 3600) from questions where first_reply_at is not null) as median_hours_to_first_reply,
    (select (count(*) filter (where by_partner))::float8 / nullif(count(*), 0) from accepted) as partner_answer_share,
    (select count(*) from t where t.kind = 'request' and exists (
      select 1 from community_request_conversions c where c.topic_id = t.id and c.created_at < ${to}::timestamptz))::float8 as requests_converted`
}
