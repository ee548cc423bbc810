import { sql } from 'drizzle-orm'
import { db, dbHandle, queryRows, type Queryable } from '#db/client.server.ts'
import { storedDocument } from '#search/digest.ts'
import { activeGeneration, arr } from '#search/postgres-common.ts'
import { CORPUS_LIMIT, CorpusCache } from '#search/postgres-corpus.server.ts'
import { IndexStateReader } from '#search/postgres-index-state.server.ts'
import { IndexWriter } from '#search/postgres-index-writes.server.ts'
import { MatchSets } from '#search/postgres-match-sets.server.ts'
import { QueryPlanner } from '#search/postgres-query-plan.server.ts'
import { SqlSearch } from '#search/postgres-sql-search.server.ts'
import type { RebuildTarget, SearchDocument, SearchEngine, SearchQuery, SearchResult, StoredDocument } from '#search/types.ts'

/**
 * The embedded engine: PostgreSQL full-text search over `search_documents` with a weighted
 * tsvector, typo tolerance through pg_trgm neighbours of the query words (`search_words`),
 * synonyms by query expansion, disjunctive facet counts in one SQL statement, and ts_headline.
 *
 * With its cache on (the default) it answers from memory what it can: the generation's corpus
 * (corpus.ts) and, per text, the matches PostgreSQL ranked once (match-set.ts), brought forward
 * through the change log (`search_changes`) as the index moves on. Those answers equal the SQL
 * path's (postgres-paths.test.ts).
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const
  private readonly cacheSize: number
  private cache = new Map<string, SearchResult>()
  private cacheVersion = ''
  private cacheGeneration = 0
  private cacheSource: object | null = null
  private readonly state: IndexStateReader
  private readonly corpora: CorpusCache
  private readonly sqlSearch: SqlSearch
  private readonly matchSets: MatchSets
  private readonly writer: IndexWriter
  private readonly source: () => object

  /**
   * `cacheSize`: results kept per index version. Every write to the live index bumps the version
   * (search_index_state.version) in the writer's transaction, and cached answers are keyed by it.
   * A search trusts a version read less than `freshMs` ago, so writes from other processes show
   * within that time (plus the read); this process's own writes show as soon as they commit
   * (index-versions.ts). With the cache on, the documents matching a text are also kept per
   * version (`MatchSet`), so other filters, facets, sorts and pages of the same text need no scan;
   * only the page's rows are read. `source` names the database, for caches and written versions.
   */
  constructor(
    private readonly conn: () => Queryable = () => db,
    { cacheSize = 1000, freshMs = 250, source = dbHandle, corpusLimit = CORPUS_LIMIT }: { cacheSize?: number; freshMs?: number; source?: () => object; corpusLimit?: number } = {},
  ) {
    this.cacheSize = cacheSize
    this.source = source
    const planner = new QueryPlanner(conn)
    this.state = new IndexStateReader(conn, freshMs, source)
    this.corpora = new CorpusCache(conn, corpusLimit)
    this.sqlSearch = new SqlSearch(conn, planner)
    this.matchSets = new MatchSets(conn, this.corpora, planner, this.sqlSearch)
    this.writer = new IndexWriter(conn, source)
  }

  /** The same engine running its statements on `q` (e.g. the outbox consumer's transaction). */
  using(q: Queryable): PostgresSearchEngine {
    return new PostgresSearchEngine(() => q, { cacheSize: 0, source: this.source })
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (this.cacheSize <= 0) return this.sqlSearch.searchIndex(query)
    const state = await this.state.currentState()
    const { key: version } = state
    if (version !== this.cacheVersion) {
      this.cache.clear()
      // Match sets follow the index from version to version (the change log); a rebuilt index starts over.
      if (this.cacheGeneration !== state.generation || this.cacheSource !== this.source()) {
        this.matchSets.clear()
        this.cacheGeneration = state.generation
        this.cacheSource = this.source()
      }
      this.cacheVersion = version
    }
    const key = JSON.stringify([query.q ?? '', query.filters ?? {}, query.sort ?? 'relevance', query.page ?? 1, query.perPage ?? 20, query.facets ?? null, query.orgIds ?? null])
    const cached = this.cache.get(key)
    if (cached) {
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    const result = await this.matchSets.search(query, state)
    if (this.cacheVersion === version) {
      this.cache.set(key, result)
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!)
    }
    return result
  }

  private get q() {
    return this.conn()
  }

  ensureIndex() {
    return this.writer.ensureIndex()
  }

  upsert(documents: SearchDocument[], target?: RebuildTarget) {
    return this.writer.upsert(documents, target)
  }

  delete(ids: string[], target?: RebuildTarget) {
    return this.writer.delete(ids, target)
  }

  async allIds() {
    const rows = await queryRows<{ id: string }>(this.q, sql`select id from search_documents where generation = ${activeGeneration} order by id`)
    return rows.map((r) => r.id).sort()
  }

  async *documents(pageSize = 1000): AsyncGenerator<StoredDocument[]> {
    let after = ''
    for (;;) {
      const rows = await queryRows<Record<string, unknown>>(
        this.q,
        sql`select id, kind, entity_id, slug, title, summary, body, keywords, org_id, org_name, type, tier, regions, industries, categories, url, published_at
            from search_documents where generation = ${activeGeneration} and id collate "C" > ${after} order by id collate "C" limit ${pageSize}`,
      )
      if (rows.length === 0) return
      yield rows.map((r) =>
        storedDocument({
          id: r.id as string,
          kind: r.kind as SearchDocument['kind'],
          entityId: r.entity_id as string,
          slug: r.slug as string,
          title: r.title as string,
          summary: r.summary as string,
          body: r.body as string,
          keywords: r.keywords as string,
          orgId: r.org_id as string,
          orgName: r.org_name as string,
          type: (r.type as string | null) ?? null,
          tier: (r.tier as string | null) ?? null,
          regions: arr(r.regions as string[] | string | null),
          industries: arr(r.industries as string[] | string | null),
          categories: arr(r.categories as string[] | string | null),
          url: r.url as string,
          publishedAt: new Date(r.published_at as string).toISOString(),
        }),
      )
      if (rows.length < pageSize) return
      after = rows[rows.length - 1]!.id as string
    }
  }

  async health() {
    await queryRows(this.q, sql`select 1 from search_index_state limit 1`)
    return true
  }

  beginRebuild(): Promise<RebuildTarget> {
    return this.writer.beginRebuild()
  }

  commitRebuild(target: RebuildTarget) {
    return this.writer.commitRebuild(target)
  }

  abortRebuild(target: RebuildTarget) {
    return this.writer.abortRebuild(target)
  }
}
