import { Meilisearch, type EnqueuedTaskPromise, type MultiSearchResponse, type RecordAny } from 'meilisearch'
import { meiliSearchPayloads, meiliSettings, MEILI_FACET_ATTRIBUTES, MEILI_RETRIEVED, toMeiliDocument } from './meili-payloads.ts'
import {
  emptyFacets,
  FACETS,
  toHighlightParts,
  type Facet,
  type RebuildTarget,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type StoredDocument,
} from './types.ts'

const BATCH = 1000
const TASK_TIMEOUT_MS = Number(process.env.MEILI_TASK_TIMEOUT_MS ?? 60_000)

export type MeiliOptions = { host: string; apiKey?: string; index: string; requestTimeoutMs?: number }

/**
 * Meilisearch: settings applied before documents, documents in batches, every task awaited with a
 * timeout (a failed task throws, so the outbox consumer retries), zero-downtime rebuilds by filling
 * a new index and swapping it with the live one.
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const
  readonly client: Meilisearch
  readonly index: string
  private ensured = false

  constructor(options: MeiliOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 10_000 })
    this.index = options.index
  }

  private async wait(task: EnqueuedTaskPromise, what: string) {
    const done = await task.waitTask({ timeout: TASK_TIMEOUT_MS, interval: 25 })
    if (done.status !== 'succeeded') throw new Error(`Meilisearch ${what} ${done.status}: ${done.error?.message ?? 'no detail'}`)
    return done
  }

  private async exists(uid: string) {
    try {
      await this.client.getIndex(uid)
      return true
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false
      throw error
    }
  }

  private async configure(uid: string) {
    if (!(await this.exists(uid))) await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`)
    await this.wait(this.client.index(uid).updateSettings(meiliSettings()), `settings of ${uid}`)
  }

  async ensureIndex() {
    if (this.ensured) return
    await this.configure(this.index)
    this.ensured = true
  }

  async upsert(documents: SearchDocument[], target?: RebuildTarget) {
    if (documents.length === 0) return
    if (!target) await this.ensureIndex()
    const index = this.client.index(target?.name ?? this.index)
    for (let i = 0; i < documents.length; i += BATCH) {
      await this.wait(index.addDocuments(documents.slice(i, i + BATCH).map(toMeiliDocument), { primaryKey: 'id' }), 'document batch')
    }
  }

  async delete(ids: string[], target?: RebuildTarget) {
    if (ids.length === 0) return
    if (!target) await this.ensureIndex()
    const index = this.client.index(target?.name ?? this.index)
    for (let i = 0; i < ids.length; i += BATCH) await this.wait(index.deleteDocuments(ids.slice(i, i + BATCH)), 'document deletion')
  }

  async allIds() {
    await this.ensureIndex()
    const ids: string[] = []
    const index = this.client.index(this.index)
    for (let offset = 0; ; offset += BATCH) {
      const page = await index.getDocuments<{ id: string }>({ fields: ['id'], limit: BATCH, offset })
      ids.push(...page.results.map((d) => d.id))
      if (page.results.length < BATCH) break
    }
    return ids.sort()
  }

  async *documents(pageSize = BATCH): AsyncGenerator<StoredDocument[]> {
    await this.ensureIndex()
    const index = this.client.index(this.index)
    for (let offset = 0; ; offset += pageSize) {
      const page = await index.getDocuments<StoredDocument>({ fields: [...MEILI_RETRIEVED, 'digest'] as (keyof StoredDocument)[], limit: pageSize, offset })
      if (page.results.length) yield page.results.map((d) => ({ ...d, type: d.type ?? null, tier: d.tier ?? null, regions: d.regions ?? [], industries: d.industries ?? [], categories: d.categories ?? [] }))
      if (page.results.length < pageSize) return
    }
  }

  async health() {
    await this.client.health()
    return true
  }

  async beginRebuild(): Promise<RebuildTarget> {
    await this.ensureIndex()
    const name = `${this.index}_rebuild_${Date.now()}`
    await this.configure(name)
    return { name }
  }

  async commitRebuild(target: RebuildTarget) {
    // Atomic for searchers: the live uid now holds the rebuilt documents.
    await this.wait(this.client.swapIndexes([{ indexes: [this.index, target.name], rename: false }]), 'index swap')
    await this.wait(this.client.deleteIndex(target.name), 'old index deletion')
  }

  async abortRebuild(target: RebuildTarget) {
    await this.wait(this.client.deleteIndex(target.name), 'rebuild index deletion')
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ensureIndex()
    const { queries, facetOf } = meiliSearchPayloads(this.index, query)
    const response = (await this.client.multiSearch({ queries })) as MultiSearchResponse<RecordAny>
    const [main, ...facetResults] = response.results
    const facets = emptyFacets()
    const wanted = query.facets ?? FACETS
    const take = (facet: Facet, distribution: Record<string, Record<string, number>> | undefined) => {
      const counts = distribution?.[MEILI_FACET_ATTRIBUTES[facet]] ?? {}
      for (const [value, n] of Object.entries(counts)) facets[facet][value] = n
    }
    for (const facet of wanted) if (!facetOf.includes(facet)) take(facet, main!.facetDistribution)
    facetResults.forEach((result, i) => take(facetOf[i + 1]!, result.facetDistribution))
    for (const facet of wanted) for (const value of query.filters?.[facet] ?? []) facets[facet][value] ??= 0
    const hits: SearchHit[] = main!.hits.map((hit) => {
      const formatted = (hit._formatted ?? {}) as Record<string, string>
      const doc = hit as unknown as SearchHit['document']
      return {
        document: {
          id: doc.id,
          kind: doc.kind,
          entityId: doc.entityId,
          slug: doc.slug,
          title: doc.title,
          summary: doc.summary,
          orgId: doc.orgId,
          orgName: doc.orgName,
          type: doc.type ?? null,
          tier: doc.tier ?? null,
          regions: doc.regions ?? [],
          industries: doc.industries ?? [],
          categories: doc.categories ?? [],
          url: doc.url,
          publishedAt: doc.publishedAt,
        },
        highlight: { title: toHighlightParts(formatted.title ?? doc.title), summary: toHighlightParts(formatted.summary ?? doc.summary) },
      }
    })
    const total = (main as { totalHits?: number }).totalHits ?? main!.estimatedTotalHits ?? hits.length
    return { total, page: Math.max(1, query.page ?? 1), perPage: Math.min(100, Math.max(1, query.perPage ?? 20)), hits, facets }
  }
}
