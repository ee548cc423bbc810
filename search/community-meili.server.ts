import { Meilisearch } from 'meilisearch'
import { emptyCommunityFacets, SNIPPET_CHARS, type CommunityDocument, type CommunitySearchEngine, type CommunitySearchQuery, type CommunitySearchResult } from '#search/community-types.ts'

const TASK_TIMEOUT_MS = Number(process.env.MEILI_TASK_TIMEOUT_MS ?? 60_000)

/** The community index's settings: title, tags and body are searched (in that order of weight); the audience and the facets are filterable; relevance, then a ranking boost, then recency. */
export const COMMUNITY_MEILI_SETTINGS = {
  searchableAttributes: ['title', 'tags', 'body'],
  filterableAttributes: ['audience', 'spaceId', 'tags', 'topicKind', 'answered'],
  sortableAttributes: ['publishedAt'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'boost:desc', 'publishedAt:desc'],
  faceting: { maxValuesPerFacet: 100 },
}

/** A Meilisearch filter string literal. */
export const meiliString = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`

/**
 * The filter of a community search: the audience first (always), then each facet filter. A
 * document outside the searcher's audience is excluded before hits, totals and facet counts.
 */
export function communityMeiliFilter(query: Pick<CommunitySearchQuery, 'audience' | 'filters'>): string[] {
  if (query.audience.length === 0) throw new Error('A community search needs the searcher’s audience.')
  const any = (attribute: string, values: string[]) => `${attribute} IN [${values.map(meiliString).join(', ')}]`
  const filter = [any('audience', query.audience)]
  const f = query.filters
  if (f.space?.length) filter.push(any('spaceId', f.space))
  if (f.tag?.length) filter.push(any('tags', f.tag))
  if (f.kind?.length) filter.push(any('topicKind', f.kind))
  if (f.answered?.length === 1) filter.push(`answered = ${f.answered[0] === 'yes'}`)
  return filter
}

/** Meilisearch: an index of its own (MEILI_COMMUNITY_INDEX, default `community`), configured before the first document. */
export class MeiliCommunitySearch implements CommunitySearchEngine {
  readonly name = 'meilisearch' as const
  private readonly client: Meilisearch
  private readonly searchClient: Meilisearch
  private ensured = false

  constructor(options: { host: string; apiKey?: string; searchKey?: string; index: string }) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: 10_000 })
    this.searchClient = options.searchKey ? new Meilisearch({ host: options.host, apiKey: options.searchKey, timeout: 10_000 }) : this.client
    this.index = options.index
  }
  readonly index: string

  private async wait(task: { taskUid: number }, what: string) {
    const done = await this.client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS, interval: 25 })
    if (done.status !== 'succeeded') throw new Error(`Meilisearch ${what} ${done.status}: ${done.error?.message ?? 'no detail'}`)
  }

  private async ensure() {
    if (this.ensured) return
    try {
      await this.client.getIndex(this.index)
    } catch {
      await this.wait(await this.client.createIndex(this.index, { primaryKey: 'id' }), `create index ${this.index}`)
    }
    await this.wait(await this.client.index(this.index).updateSettings(COMMUNITY_MEILI_SETTINGS), `settings of ${this.index}`)
    this.ensured = true
  }

  async upsert(documents: CommunityDocument[]) {
    if (documents.length === 0) return
    await this.ensure()
    const rows = documents.map((d) => ({ ...d, publishedAt: Date.parse(d.publishedAt) }))
    for (let i = 0; i < rows.length; i += 1000) await this.wait(await this.client.index(this.index).addDocuments(rows.slice(i, i + 1000), { primaryKey: 'id' }), 'community documents')
  }

  async delete(ids: string[]) {
    if (ids.length === 0) return
    await this.ensure()
    await this.wait(await this.client.index(this.index).deleteDocuments(ids), 'community delete')
  }

  async search(query: CommunitySearchQuery): Promise<CommunitySearchResult> {
    const response = await this.searchClient.index(this.index).search(query.q, {
      filter: communityMeiliFilter(query),
      facets: ['spaceId', 'tags', 'topicKind', 'answered'],
      hitsPerPage: query.perPage,
      page: query.page,
      attributesToRetrieve: ['id', 'docType', 'topicId', 'spaceId', 'spaceName', 'spaceSlug', 'topicKind', 'answered', 'tags', 'title', 'authorName', 'url', 'publishedAt', 'body'],
    })
    const dist = (response.facetDistribution ?? {}) as Record<string, Record<string, number>>
    const facets = emptyCommunityFacets()
    facets.space = dist.spaceId ?? {}
    facets.tag = dist.tags ?? {}
    facets.kind = dist.topicKind ?? {}
    facets.answered = Object.fromEntries(Object.entries(dist.answered ?? {}).map(([k, n]) => [k === 'true' ? 'yes' : 'no', n]))
    const spaceNames: Record<string, string> = {}
    const hits = response.hits.map((h) => {
      const d = h as unknown as CommunityDocument & { publishedAt: number }
      spaceNames[d.spaceId] = d.spaceName
      const { body, ...rest } = d
      return { ...rest, publishedAt: new Date(d.publishedAt).toISOString(), snippet: String(body ?? '').slice(0, SNIPPET_CHARS) } as CommunitySearchResult['hits'][number]
    })
    return { total: response.totalHits ?? hits.length, page: query.page, perPage: query.perPage, hits, facets, spaceNames }
  }
}
