import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { communityDigestSends } from '#db/schema/community-live.ts'
import { communitySpaces } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import { spaceVisibleToPartner } from '#app/features/community/access.server.ts'
import { linkTo, queueMail } from '#app/features/mail/mail.server.ts'
import { preferencesFor } from '#app/features/notifications/delivery.server.ts'

/**
 * The community's daily email digest: for each member, the topics started and the answers accepted
 * yesterday (UTC) in the spaces they can see, through the mail log. It honours the "community"
 * email preference (off: no digest). A row in `community_digest_sends` per person and period,
 * inserted in the transaction that queues the mail, makes it once per period on any number of nodes.
 *
 * Hook: who gets which spaces is `digestSpacesFor`; once spaces can be followed, narrow it to the
 * followed ones there.
 */
export const DIGEST_PERIOD_MS = 24 * 3600_000

/** The period a run at `now` reports on: the previous whole UTC day. */
export function digestPeriod(now: Date) {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  return { start: new Date(end.getTime() - DIGEST_PERIOD_MS), end }
}

type Item = { spaceId: string; spaceName: string; spaceSlug: string; topicId: string; title: string; what: 'topic' | 'answer' }

/**
 * Every space, and the spaces each partner organization may see, by the one SQL rule of every
 * read (`spaceVisibleToPartner`: open, invited, or a segment matching its type, tier and regions).
 */
async function spaceAudiences(q: Queryable) {
  const all = await queryRows<{ id: string }>(q, sql`select ${communitySpaces.id} as id from ${communitySpaces}`)
  const pairs = await queryRows<{ org_id: string; space_id: string }>(
    q,
    sql`select o.id as org_id, ${communitySpaces.id} as space_id from ${organizations} o cross join ${communitySpaces}
        where o.kind = 'partner' and ${spaceVisibleToPartner(sql`o.id`)}`,
  )
  const byOrg = new Map<string, Set<string>>()
  for (const p of pairs) byOrg.set(p.org_id, (byOrg.get(p.org_id) ?? new Set()).add(p.space_id))
  return { all: new Set(all.map((r) => r.id)), byOrg }
}

/** The spaces a member of this organization gets in the digest: those they can see (the same rule as `orgSeesSpace`). */
function digestSpacesFor(org: { id: string; kind: string }, spaces: Awaited<ReturnType<typeof spaceAudiences>>) {
  return org.kind === 'vendor' ? spaces.all : (spaces.byOrg.get(org.id) ?? new Set<string>())
}

function mailFor(items: Item[], start: Date) {
  const day = start.toISOString().slice(0, 10)
  const topics = items.filter((i) => i.what === 'topic')
  const answers = items.filter((i) => i.what === 'answer')
  const line = (i: Item) => `• ${i.title} (${i.spaceName})\n  ${linkTo(`/community/${i.spaceSlug}/${i.topicId}`)}`
  const parts = [
    topics.length ? `New topics:\n${topics.map(line).join('\n')}` : '',
    answers.length ? `Questions answered:\n${answers.map(line).join('\n')}` : '',
    `Change what you receive: ${linkTo('/notifications')}#preferences`,
  ].filter(Boolean)
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  return {
    subject: `Community digest for ${day}: ${[topics.length ? count(topics.length, 'new topic', 'new topics') : '', answers.length ? count(answers.length, 'answer', 'answers') : ''].filter(Boolean).join(' and ')}`,
    text: parts.join('\n\n'),
  }
}

/** Sends the digest of the period before `now` to everyone who has not had it; returns how many mails it queued. */
export async function runCommunityDigest(now = new Date()) {
  const { start, end } = digestPeriod(now)
  return db.transaction(async (tx) => {
    const people = await queryRows<{ user_id: string; email: string; org_id: string; org_kind: string }>(
      tx,
      sql`select distinct on (u.id) u.id as user_id, u.email, o.id as org_id, o.kind as org_kind
          from users u
          join memberships m on m.user_id = u.id
          join organizations o on o.id = m.org_id
          where (o.kind = 'vendor' or o.status in ('active', 'suspended'))
            and not exists (select 1 from community_digest_sends d where d.user_id = u.id and d.period_start = ${start.toISOString()}::timestamptz)
          order by u.id, (o.kind = 'vendor') desc, m.created_at`,
    )
    if (people.length === 0) return 0
    const items = await queryRows<{ space_id: string; space_name: string; space_slug: string; topic_id: string; title: string; what: 'topic' | 'answer' }>(
      tx,
      sql`select s.id as space_id, s.name as space_name, s.slug as space_slug, t.id as topic_id, t.title, 'topic' as what
          from community_topics t join community_spaces s on s.id = t.space_id
          where t.state = 'published' and t.created_at >= ${start.toISOString()}::timestamptz and t.created_at < ${end.toISOString()}::timestamptz
          union all
          select s.id, s.name, s.slug, t.id, t.title, 'answer'
          from community_topics t join community_spaces s on s.id = t.space_id
          where t.state = 'published' and t.accepted_reply_id is not null
            and exists (select 1 from community_replies r where r.id = t.accepted_reply_id and r.state = 'published')
            and t.accepted_at >= ${start.toISOString()}::timestamptz and t.accepted_at < ${end.toISOString()}::timestamptz
          order by 1, 5`,
    )
    const spaces = await spaceAudiences(tx)
    const prefs = await preferencesFor(
      tx,
      people.map((p) => p.user_id),
      'community',
    )
    let sent = 0
    for (const person of people) {
      const mine = prefs(person.user_id).email === 'off' ? [] : spacesItems(items, digestSpacesFor({ id: person.org_id, kind: person.org_kind }, spaces))
      const claimed = await tx
        .insert(communityDigestSends)
        .values({ userId: person.user_id, periodStart: start, items: mine.length, sentAt: now })
        .onConflictDoNothing()
        .returning({ userId: communityDigestSends.userId })
      if (!claimed.length || mine.length === 0) continue
      await queueMail(tx, { to: person.email, ...mailFor(mine, start) })
      sent++
    }
    return sent
  })
}

function spacesItems(items: { space_id: string; space_name: string; space_slug: string; topic_id: string; title: string; what: 'topic' | 'answer' }[], visible: Set<string>): Item[] {
  return items.filter((i) => visible.has(i.space_id)).map((i) => ({ spaceId: i.space_id, spaceName: i.space_name, spaceSlug: i.space_slug, topicId: i.topic_id, title: i.title, what: i.what }))
}
