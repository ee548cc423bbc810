import { inArray, sql, type SQL } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { communitySearchDocuments } from '#db/schema/community-live.ts'
import { emptyCommunityFacets, SNIPPET_CHARS, type CommunityDocument, type CommunitySearchEngine, type CommunitySearchQuery, type CommunitySearchResult } from '#search/community-types.ts'

/** Query words as a tsquery: every word must match, the last as a prefix (as the marketplace engine does). */
export function communityTsquery(q: string) {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12)
  if (words.length === 0) return null
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ')
}

/**
 * The embedded engine: one table, a weighted tsvector (title A, tags B, body C), the audience as a text
 * array with a GIN index. Counts and facets come from the same filtered set as the hits.
 */
export class PostgresCommunitySearch implements CommunitySearchEngine {
  readonly name = 'postgres' as const
  constructor(private readonly q: Queryable = db) {}

  using(q: Queryable) {
    return new PostgresCommunitySearch(q)
  }

  async upsert(documents: CommunityDocument[]) {
    if (documents.length === 0) return
    const rows = documents.map((d) => ({ ...d, tagText: d.tags.join(' '), publishedAt: new Date(d.publishedAt) }))
    await this.q
      .insert(communitySearchDocuments)
      .values(rows)
      .onConflictDoUpdate({
        target: communitySearchDocuments.id,
        set: Object.fromEntries(
          ['docType', 'topicId', 'spaceId', 'spaceName', 'spaceSlug', 'topicKind', 'answered', 'tags', 'tagText', 'audience', 'title', 'body', 'authorName', 'url', 'boost', 'publishedAt'].map((k) => [
            k,
            sql.raw(`excluded.${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`),
          ]),
        ),
      })
  }

  async delete(ids: string[]) {
    if (ids.length) await this.q.delete(communitySearchDocuments).where(inArray(communitySearchDocuments.id, ids))
  }

  async search(query: CommunitySearchQuery): Promise<CommunitySearchResult> {
    if (query.audience.length === 0) throw new Error('A community search needs the searcher’s audience.')
    const tsq = communityTsquery(query.q)
    const conditions: SQL[] = [sql`d.audience && ${toArray(query.audience)}`]
    if (tsq) conditions.push(sql`d.tsv @@ to_tsquery('simple', ${tsq})`)
    const f = query.filters
    if (f.space?.length) conditions.push(sql`d.space_id = any(${toArray(f.space)})`)
    if (f.tag?.length) conditions.push(sql`d.tags && ${toArray(f.tag)}`)
    if (f.kind?.length) conditions.push(sql`d.topic_kind = any(${toArray(f.kind)})`)
    if (f.answered?.length === 1) conditions.push(sql`d.answered = ${f.answered[0] === 'yes'}`)
    const where = sql.join(conditions, sql` and `)
    const rank = tsq ? sql`ts_rank(d.tsv, to_tsquery('simple', ${tsq}))` : sql`0`
    const rows = await queryRows<Record<string, unknown>>(
      this.q,
      sql`select d.id, d.doc_type, d.topic_id, d.space_id, d.space_name, d.space_slug, d.topic_kind, d.answered, d.tags, d.title, d.author_name, d.url, d.published_at,
                 left(d.body, ${SNIPPET_CHARS}) as snippet
          from community_search_documents d where ${where}
          order by ${rank} * (1 + d.boost) desc, d.published_at desc, d.id
          limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    )
    const facetRows = await queryRows<{ facet: string; value: string; label: string | null; n: number }>(
      this.q,
      sql`with m as (select d.space_id, d.space_name, d.tags, d.topic_kind, d.answered from community_search_documents d where ${where})
          select 'total' as facet, '' as value, null as label, count(*)::int as n from m
          union all select 'space', space_id, min(space_name), count(*)::int from m group by space_id
          union all select 'tag', t, null, count(*)::int from m, unnest(m.tags) t group by t
          union all select 'kind', topic_kind, null, count(*)::int from m group by topic_kind
          union all select 'answered', case when answered then 'yes' else 'no' end, null, count(*)::int from m group by answered`,
    )
    const facets = emptyCommunityFacets()
    const spaceNames: Record<string, string> = {}
    let total = 0
    for (const r of facetRows) {
      if (r.facet === 'total') total = Number(r.n)
      else facets[r.facet as keyof typeof facets][r.value] = Number(r.n)
      if (r.facet === 'space' && r.label) spaceNames[r.value] = r.label
    }
    return {
      total,
      page: query.page,
      perPage: query.perPage,
      facets,
      spaceNames,
      hits: rows.map((r) => ({
        id: String(r.id),
        docType: r.doc_type as 'topic' | 'answer',
        topicId: String(r.topic_id),
        spaceId: String(r.space_id),
        spaceName: String(r.space_name),
        spaceSlug: String(r.space_slug),
        topicKind: String(r.topic_kind),
        answered: Boolean(r.answered),
        tags: (r.tags as string[]) ?? [],
        title: String(r.title),
        authorName: String(r.author_name),
        url: String(r.url),
        publishedAt: new Date(r.published_at as string).toISOString(),
        snippet: String(r.snippet ?? ''),
      })),
    }
  }
}

const toArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`
