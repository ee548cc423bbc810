import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { communityReplies, communitySpaceMembers, communitySpaces, communityTopics } from '#db/schema/community.ts'
import { communityTopicTags } from '#db/schema/community-posts.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { orgReputationScores } from '#app/features/community/reputation.server.ts'
import { logger } from '#app/core/logger.server.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import type { DomainEvent } from '#app/features/events/outbox.server.ts'
import { markdownToText } from '#app/features/listings/markdown.server.ts'
import { invalid } from '#app/utils/errors.ts'
import { assertCommunityReader } from '#app/features/community/access.server.ts'
import { replyHref } from '#app/features/community/schemas.ts'
import { communityEngineFor, communitySearchEngine } from '#search/community-engine.server.ts'
import type { CommunityDocument, CommunitySearchEngine, CommunitySearchResult } from '#search/community-types.ts'
import { TOPIC_KINDS } from '#db/schema/community.ts'

/**
 * Community search, kept in step with the outbox: the `community-search` consumer re-reads each
 * topic an event concerns (and every topic of a space whose audience changed) and upserts or
 * deletes its documents: the topic, and for an answered question its accepted answer. A document
 * carries its space's audience; a search passes the searcher's tokens, so hits, totals and facet
 * values only ever count what they may see.
 */
export const COMMUNITY_SEARCH_CONSUMER = 'community-search'
export const COMMUNITY_SEARCH_PER_PAGE = 20

/** The wildcard of a segment token: the segment does not narrow on that field. */
const ANY = 'any'

/**
 * The searcher's audience tokens: the vendor's team sees every space; a partner, open spaces,
 * those its organization is invited to, and segment spaces matching its type, tier and regions
 * (each `seg:<type>:<tier>:<region>` combination it satisfies, `any` standing for a field the
 * segment leaves open; see `segmentAudience`).
 */
export async function audienceTokens(actor: Actor, q: Queryable = db) {
  if (isVendor(actor)) return ['vendor']
  const [org] = await q.select({ partnerType: organizations.partnerType, tier: organizations.tier, regions: organizations.regions }).from(organizations).where(eq(organizations.id, actor.orgId))
  const types = [...(org?.partnerType ? [org.partnerType] : []), ANY]
  const tiers = [...(org?.tier ? [org.tier] : []), ANY]
  const regions = [...(org?.regions ?? []), ANY]
  return ['partners', `org:${actor.orgId}`, ...types.flatMap((p) => tiers.flatMap((t) => regions.map((r) => `seg:${p}:${t}:${r}`)))]
}

/** A segment space's tokens: every (type, tier, region) it admits, `any` for a list left empty (the rule of `spaceVisibleToPartner`). */
function segmentAudience(space: { partnerTypes: string[]; tiers: string[]; regions: string[] }) {
  const or = (list: string[]) => (list.length ? list : [ANY])
  return or(space.partnerTypes).flatMap((p) => or(space.tiers).flatMap((t) => or(space.regions).map((r) => `seg:${p}:${t}:${r}`)))
}

/**
 * The ranking hook: a document's boost added to its text relevance (multiplied as `1 + boost`):
 * the reputation of the topic's author organization (`orgReputationScores`), on a log scale and
 * at most 0.5, so text relevance and recency still lead.
 */
export async function rankingBoosts(q: Queryable, topicIds: string[]): Promise<Map<string, number>> {
  const authors = topicIds.length ? await q.select({ id: communityTopics.id, orgId: communityTopics.authorOrgId }).from(communityTopics).where(inArray(communityTopics.id, topicIds)) : []
  const scores = await orgReputationScores([...new Set(authors.map((a) => a.orgId))], q)
  const orgOf = new Map(authors.map((a) => [a.id, a.orgId]))
  return new Map(topicIds.map((id) => [id, Math.min(0.5, Math.log10(1 + Math.max(0, scores.get(orgOf.get(id) ?? '') ?? 0)) / 6)]))
}

/** Tags per topic (`community_topic_tags`, in order): searched as words and the `tag` facet. */
async function tagsOf(q: Queryable, topicIds: string[]): Promise<Map<string, string[]>> {
  const rows = topicIds.length
    ? await q.select().from(communityTopicTags).where(inArray(communityTopicTags.topicId, topicIds)).orderBy(asc(communityTopicTags.topicId), asc(communityTopicTags.tag))
    : []
  const tags = new Map<string, string[]>(topicIds.map((id) => [id, []]))
  for (const r of rows) tags.get(r.topicId)?.push(r.tag)
  return tags
}

const spaceAudience = (space: { visibility: string; partnerTypes: string[]; tiers: string[]; regions: string[] }, invited: string[]) => [
  'vendor',
  ...(space.visibility === 'partners' ? ['partners'] : []),
  ...(space.visibility === 'orgs' ? invited.map((o) => `org:${o}`) : []),
  ...(space.visibility === 'segment' ? segmentAudience(space) : []),
]

/** The documents of these topics as they are now; ids in `stale` are those to delete (topic gone, hidden, or no accepted answer). */
export async function topicDocuments(q: Queryable, topicIds: string[]) {
  const ids = [...new Set(topicIds)]
  if (ids.length === 0) return { upsert: [] as CommunityDocument[], stale: [] as string[] }
  const topics = await q
    .select({ topic: communityTopics, space: communitySpaces, authorName: users.name })
    .from(communityTopics)
    .innerJoin(communitySpaces, eq(communitySpaces.id, communityTopics.spaceId))
    .leftJoin(users, eq(users.id, communityTopics.authorUserId))
    .where(inArray(communityTopics.id, ids))
  const spaceIds = [...new Set(topics.map((t) => t.space.id))]
  const invited = spaceIds.length ? await q.select().from(communitySpaceMembers).where(inArray(communitySpaceMembers.spaceId, spaceIds)) : []
  const acceptedIds = topics.map((t) => t.topic.acceptedReplyId).filter((x): x is string => Boolean(x))
  const answers = acceptedIds.length
    ? await q
        .select({ reply: communityReplies, authorName: users.name })
        .from(communityReplies)
        .leftJoin(users, eq(users.id, communityReplies.authorUserId))
        .where(and(inArray(communityReplies.id, acceptedIds), eq(communityReplies.state, 'published')))
    : []
  const [boosts, tags] = await Promise.all([rankingBoosts(q, ids), tagsOf(q, ids)])
  const upsert: CommunityDocument[] = []
  const kept = new Set<string>()
  for (const { topic, space, authorName } of topics) {
    if (topic.state !== 'published') continue
    const audience = spaceAudience(
      space,
      invited.filter((m) => m.spaceId === space.id).map((m) => m.orgId),
    )
    const base = {
      topicId: topic.id,
      spaceId: space.id,
      spaceName: space.name,
      spaceSlug: space.slug,
      topicKind: topic.kind,
      answered: topic.acceptedReplyId !== null,
      tags: tags.get(topic.id) ?? [],
      audience,
      boost: boosts.get(topic.id) ?? 0,
    }
    upsert.push({
      ...base,
      id: `topic-${topic.id}`,
      docType: 'topic',
      title: topic.title,
      body: markdownToText(topic.body),
      authorName: authorName ?? 'A former member',
      url: `/community/${space.slug}/${topic.id}`,
      publishedAt: topic.createdAt.toISOString(),
    })
    kept.add(`topic-${topic.id}`)
    const answer = answers.find((a) => a.reply.id === topic.acceptedReplyId)
    if (answer) {
      upsert.push({
        ...base,
        id: `answer-${topic.id}`,
        docType: 'answer',
        title: topic.title,
        body: markdownToText(answer.reply.body),
        authorName: answer.authorName ?? 'A former member',
        url: replyHref(space.slug, topic.id, answer.reply.id),
        publishedAt: (topic.acceptedAt ?? answer.reply.createdAt).toISOString(),
      })
      kept.add(`answer-${topic.id}`)
    }
  }
  const stale = ids.flatMap((id) => [`topic-${id}`, `answer-${id}`]).filter((id) => !kept.has(id))
  return { upsert, stale }
}

/** Re-indexes these topics in the engine (idempotent). */
export async function reindexTopics(q: Queryable, topicIds: string[], engine: CommunitySearchEngine = communitySearchEngine()) {
  const target = communityEngineFor(engine, q)
  for (let i = 0; i < topicIds.length; i += 500) {
    const { upsert, stale } = await topicDocuments(q, topicIds.slice(i, i + 500))
    await target.upsert(upsert)
    await target.delete(stale)
  }
}

/** Every topic of the whole community, e.g. after the seed (`npm run search:reindex` does the marketplace). */
export async function reindexCommunity(q: Queryable = db, engine?: CommunitySearchEngine) {
  const rows = await q.select({ id: communityTopics.id }).from(communityTopics)
  await reindexTopics(
    q,
    rows.map((r) => r.id),
    engine,
  )
  return rows.length
}

/**
 * The consumer: an event about a topic re-indexes it (whatever its type, so edits, moves and
 * moderation by other parts of the community module are followed too); an event about a space
 * (its visibility, an organization invited or removed) re-indexes every topic in it.
 */
export async function handleCommunitySearchEvents(events: DomainEvent[], tx: Queryable, engine?: CommunitySearchEngine) {
  const topicIds = new Set<string>()
  const spaceIds = new Set<string>()
  for (const e of events) {
    if (!e.type.startsWith('community.')) continue
    if (e.subjectType === 'community_topic') topicIds.add(e.subjectId)
    else if (e.subjectType === 'community_space') spaceIds.add(e.subjectId)
  }
  if (spaceIds.size) {
    const inSpaces = await tx
      .select({ id: communityTopics.id })
      .from(communityTopics)
      .where(inArray(communityTopics.spaceId, [...spaceIds]))
    for (const t of inSpaces) topicIds.add(t.id)
  }
  if (topicIds.size) await reindexTopics(tx, [...topicIds], engine)
}

const list = (values?: string[]) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(values ? z.enum(values as [string, ...string[]]) : z.string().min(1).max(100)).max(20)).default([])

/** `?q=&space=&tag=&kind=&answered=&page=`: repeated keys are several values of one facet. */
export const CommunitySearchQuerySchema = z.object({
  q: z.string().trim().max(200, 'Search for at most 200 characters.').default(''),
  space: list(),
  tag: list(),
  kind: list([...TOPIC_KINDS]),
  answered: list(['yes', 'no']),
  page: z.coerce.number().int().min(1).max(500).default(1),
})

/** Reads a URL's search parameters into the query (repeated keys as lists). */
export function searchParamsToObject(params: URLSearchParams) {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key)
    out[key] = all.length > 1 ? all : all[0]!
  }
  return out
}

/** Searches the community as this person: only the spaces they can see, exactly. */
export async function searchCommunity(actor: Actor, input: unknown): Promise<CommunitySearchResult & { query: z.output<typeof CommunitySearchQuerySchema> }> {
  assertCommunityReader(actor)
  const parsed = CommunitySearchQuerySchema.safeParse(input)
  if (!parsed.success) throw invalid(`Check the search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`)
  const query = parsed.data
  try {
    const result = await communitySearchEngine().search({
      q: query.q,
      audience: await audienceTokens(actor),
      filters: { space: query.space, tag: query.tag, kind: query.kind, answered: query.answered as ('yes' | 'no')[] },
      page: query.page,
      perPage: COMMUNITY_SEARCH_PER_PAGE,
    })
    return { ...result, query }
  } catch (error) {
    logger.warn({ err: error }, 'community search failed')
    throw error
  }
}

/** How many community documents there are per type (for /readyz-style checks and tests). */
export async function communityIndexSize(q: Queryable = db) {
  const rows = await queryRows<{ doc_type: string; n: number }>(q, sql`select doc_type, count(*)::int as n from community_search_documents group by doc_type`)
  return Object.fromEntries(rows.map((r) => [r.doc_type, Number(r.n)]))
}
