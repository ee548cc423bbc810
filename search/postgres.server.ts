import { sql, type SQL } from 'drizzle-orm'
import { db, dbHandle, queryRows, type Queryable } from '../db/client.server.ts'
import { searchDocuments, searchIndexState, searchWords } from '../db/schema/search.ts'
import { Corpus, type CorpusRow } from './corpus.ts'
import { storedDocument } from './digest.ts'
import { highlightParts, type Operands, tsqueryOperands } from './highlight.ts'
import { expectVersion, hasUnseenWrites, sawVersion } from './index-versions.ts'
import { MatchSet, type RankGroup } from './match-set.ts'
import { expandQuery, typoDistance, words, type QueryTerm } from './synonyms.ts'
import {
  emptyFacets,
  FACETS,
  MARK_END,
  MARK_START,
  stripMarkers,
  toHighlightParts,
  type Facet,
  type FacetCounts,
  type RebuildTarget,
  type SearchDocument,
  type StoredDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './types.ts'

const INDEX = 'main'
const BATCH = 500
const MAX_TERMS = 12
/** Match sets kept per index version: at most 64 texts and a million matching documents (about 60 bytes each). */
const MATCH_SETS = 64
const MATCH_SET_ROWS = 1_000_000
/** Hits (rows with highlights) kept per match set. */
const HITS_PER_MATCH_SET = 500
/**
 * Document versions kept in memory per generation (about 2 KB each: 55,000 take about 100 MB); a
 * larger index is searched in SQL alone. SEARCH_CORPUS_LIMIT sets another bound (0: SQL alone).
 */
const CORPUS_LIMIT = Number(process.env.SEARCH_CORPUS_LIMIT ?? 200_000)
/** Rows per statement while a corpus loads. */
const CORPUS_PAGE = 10_000

/** The live index's state: `key` names its contents (generation and write count); `readAt` is when the read began. */
type IndexState = { key: string; generation: number; version: number; readAt: number }
/**
 * A text's match set as of an index version, the words its highlights mark, the hits made so far
 * (by corpus slot), and its statement (rank groups of the matching documents, narrowed by `restrict`).
 */
type MatchEntry = {
  set: MatchSet
  operands: Operands
  hits: Map<number, SearchHit>
  version: number
  generation: number
  corpus: Corpus
  ranked: boolean
  statement: (restrict: SQL) => SQL
}
/** How far (in index versions) a match set is brought up to date from the change log before it is loaded again. */
const CHANGES_FOLLOWED = 10_000
/** Change log entries kept (pruned now and then by writers). */
const CHANGES_KEPT = 20_000
/** A generation's corpus (null when the generation holds more documents than the corpus limit). */
type CorpusEntry = { generation: number; ready: Promise<Corpus | null> }

/** Column of each facet, and whether it holds an array. */
const FACET_COLUMNS: Record<Facet, { column: string; array: boolean }> = {
  kind: { column: 'kind', array: false },
  type: { column: 'type', array: false },
  tier: { column: 'tier', array: false },
  region: { column: 'regions', array: true },
  industry: { column: 'industries', array: true },
  category: { column: 'categories', array: true },
}

const activeGeneration = sql`coalesce((select active_generation from search_index_state where name = ${INDEX}), 1)`

function textArray(values: string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`
}

/** Words worth remembering for typo correction: 3+ letters, not only digits. */
export function vocabulary(doc: SearchDocument): string[] {
  const all = words(`${doc.title} ${doc.summary} ${doc.keywords} ${doc.orgName} ${doc.body.slice(0, 20_000)}`)
  return [...new Set(all.filter((w) => w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)))]
}

/**
 * Builds the tsquery text for a query: terms joined by AND; each term is its word, its typo
 * corrections and its synonyms joined by OR; the last word matches as a prefix (search as you type).
 * Only [a-z0-9] reaches the tsquery, so user input can never break its syntax.
 */
export type Corrections = Map<string, { word: string; typos: number }[]>

export function buildTsQuery(terms: QueryTerm[], corrections: Corrections, { prefixLast, maxTypos }: { prefixLast: boolean; maxTypos: number }) {
  return terms
    .map((term, index) => {
      const last = index === terms.length - 1
      const options = term.alternatives.map((phrase) => {
        if (phrase.length > 1) return `(${phrase.join(' <-> ')})`
        const word = phrase[0]!
        return last && prefixLast && !term.synonym ? `${word}:*` : word
      })
      if (!term.synonym) options.push(...(corrections.get(term.words[0]!) ?? []).filter((c) => c.typos <= maxTypos).map((c) => c.word))
      return `(${[...new Set(options)].join(' | ')})`
    })
    .join(' & ')
}

/** A hit read in SQL: the corpus row's fields (arrays possibly as text) with ts_headline's marked title and summary. */
type Row = Omit<CorpusRow, 'docNo' | 'sortName' | 'regions' | 'industries' | 'categories'> & {
  regions: string[] | string
  industries: string[] | string
  categories: string[] | string
  titleHl: string | null
  summaryHl: string | null
}

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
  /** Text query → its match set (a promise, so concurrent searches for one text share one scan) and the version it is for. */
  private matchSets = new Map<string, { entry: Promise<MatchEntry>; version: number }>()
  private changeReads = new Map<string, Promise<string[]>>()
  private matchSetRows = 0
  private corpus: CorpusEntry | null = null
  private stateRead: Promise<IndexState> | null = null
  private nextStateRead: Promise<IndexState> | null = null
  private latest: { source: object; state: IndexState } | null = null
  private readonly freshMs: number
  private readonly corpusLimit: number
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
    {
      cacheSize = 1000,
      freshMs = 250,
      source = dbHandle,
      corpusLimit = CORPUS_LIMIT,
    }: { cacheSize?: number; freshMs?: number; source?: () => object; corpusLimit?: number } = {},
  ) {
    this.cacheSize = cacheSize
    this.corpusLimit = corpusLimit
    this.freshMs = freshMs
    this.source = source
  }

  /** The same engine running its statements on `q` (e.g. the outbox consumer's transaction). */
  using(q: Queryable): PostgresSearchEngine {
    return new PostgresSearchEngine(() => q, { cacheSize: 0, source: this.source })
  }

  /**
   * Counts a write to the live index (in the writer's transaction), logs which documents it
   * changed under the new version in the same statement, and expects to see it.
   */
  private async bumpVersion({ changed = [], set = sql``, condition = sql`` }: { changed?: string[]; set?: SQL; condition?: SQL } = {}) {
    const [row] = await queryRows<{ version: number | string }>(
      this.q,
      sql`with bumped as (
            update search_index_state set version = version + 1, updated_at = clock_timestamp() ${set} where name = ${INDEX} ${condition} returning version
          ), logged as (
            insert into search_changes (version, id) select bumped.version, changed.id from bumped, unnest(${textArray(changed)}) as changed(id)
            on conflict do nothing
          )
          select version from bumped`,
    )
    if (!row) return
    const version = Number(row.version)
    expectVersion(this.source(), version)
    if (version % 200 === 0) await queryRows(this.q, sql`delete from search_changes where version <= ${version - CHANGES_KEPT}`)
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (this.cacheSize <= 0) return this.searchIndex(query)
    const state = await this.currentState()
    const { key: version } = state
    if (version !== this.cacheVersion) {
      this.cache.clear()
      // Match sets follow the index from version to version (the change log); a rebuilt index starts over.
      if (this.cacheGeneration !== state.generation || this.cacheSource !== this.source()) {
        this.matchSets.clear()
        this.matchSetRows = 0
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
    const result = await this.searchMatchSet(query, state)
    if (this.cacheVersion === version) {
      this.cache.set(key, result)
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!)
    }
    return result
  }

  /**
   * The index state: the latest read if it began less than `freshMs` ago and this process has no
   * unseen write; otherwise a new read. Past a fifth of `freshMs` a read starts in the background,
   * so under steady traffic searches do not wait for one (a read can take tens of milliseconds
   * when the database is busy).
   */
  private async currentState(): Promise<IndexState> {
    const source = this.source()
    const latest = this.latest
    if (latest?.source === source && !hasUnseenWrites(source)) {
      const age = performance.now() - latest.state.readAt
      if (age < this.freshMs) {
        if (age > this.freshMs / 5 && !this.stateRead) this.refreshState(source).catch(() => undefined)
        return latest.state
      }
    }
    return this.refreshState(source)
  }

  private async refreshState(source: object): Promise<IndexState> {
    const state = await this.readState()
    sawVersion(source, state.version)
    if (this.latest?.source !== source || this.latest.state.readAt < state.readAt) this.latest = { source, state }
    return state
  }

  /**
   * The index version, read by a statement that started after this call: concurrent searches share
   * one read (those arriving while a read is under way wait for the next one, so none can miss a
   * write committed before it began).
   */
  private readState(): Promise<IndexState> {
    if (!this.stateRead) {
      this.stateRead = this.queryState().finally(() => (this.stateRead = null))
      return this.stateRead
    }
    this.nextStateRead ??= this.stateRead
      .catch(() => undefined)
      .then(() => {
        this.nextStateRead = null
        return this.readState()
      })
    return this.nextStateRead
  }

  private async queryState(): Promise<IndexState> {
    const readAt = performance.now()
    const [row] = await queryRows<{ generation: number; version: number | string }>(
      this.q,
      sql`select active_generation as generation, version from search_index_state where name = ${INDEX}`,
    )
    const generation = Number(row?.generation ?? 1)
    const version = Number(row?.version ?? -1)
    return { key: `${generation}:${version}`, generation, version, readAt }
  }

  private get q() {
    return this.conn()
  }

  async ensureIndex() {
    await this.q.insert(searchIndexState).values({ name: INDEX, activeGeneration: 1 }).onConflictDoNothing()
  }

  private generationOf(target?: RebuildTarget): SQL {
    if (!target) return activeGeneration
    const generation = Number(target.name)
    if (!Number.isInteger(generation)) throw new Error(`Unknown rebuild target ${target.name}`)
    return sql`${generation}::int`
  }

  async upsert(documents: SearchDocument[], target?: RebuildTarget) {
    if (documents.length === 0) return
    await this.ensureIndex()
    const generation = this.generationOf(target)
    for (let i = 0; i < documents.length; i += BATCH) {
      const batch = documents.slice(i, i + BATCH)
      const rows = batch.map((d) => ({
        generation: generation as unknown as number,
        id: d.id,
        kind: d.kind,
        entityId: d.entityId,
        slug: d.slug,
        title: stripMarkers(d.title),
        summary: stripMarkers(d.summary),
        body: stripMarkers(d.body),
        keywords: stripMarkers(d.keywords),
        orgId: d.orgId,
        orgName: stripMarkers(d.orgName),
        type: d.type,
        tier: d.tier,
        regions: d.regions,
        industries: d.industries,
        categories: d.categories,
        url: d.url,
        publishedAt: new Date(d.publishedAt),
        sortName: stripMarkers(d.title).toLowerCase(),
        updatedAt: new Date(),
      }))
      await this.q
        .insert(searchDocuments)
        .values(rows)
        .onConflictDoUpdate({
          target: [searchDocuments.generation, searchDocuments.id],
          set: {
            ...Object.fromEntries(
              ['kind', 'entity_id', 'slug', 'title', 'summary', 'body', 'keywords', 'org_id', 'org_name', 'type', 'tier', 'regions', 'industries', 'categories', 'url', 'published_at', 'sort_name', 'updated_at'].map(
                (column) => [camel(column), sql.raw(`excluded.${column}`)],
              ),
            ),
            // A new number for the new version: in-memory copies of the old one are never used for it.
            docNo: sql`nextval('search_document_no')`,
          },
        })
      if (!target) await this.bumpVersion({ changed: batch.map((d) => d.id) })
      const vocab = [...new Set(batch.flatMap(vocabulary))]
      for (let j = 0; j < vocab.length; j += 2000) {
        await this.q
          .insert(searchWords)
          .values(vocab.slice(j, j + 2000).map((word) => ({ word })))
          .onConflictDoNothing()
      }
    }
  }

  async delete(ids: string[], target?: RebuildTarget) {
    if (ids.length === 0) return
    await this.ensureIndex()
    const generation = this.generationOf(target)
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH)
      await queryRows(this.q, sql`delete from search_documents where generation = ${generation} and id = any(${textArray(batch)})`)
      if (!target) await this.bumpVersion({ changed: batch })
    }
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
      yield rows.map((r) => storedDocument({
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
      }))
      if (rows.length < pageSize) return
      after = rows[rows.length - 1]!.id as string
    }
  }

  async health() {
    await queryRows(this.q, sql`select 1 from search_index_state limit 1`)
    return true
  }

  async beginRebuild(): Promise<RebuildTarget> {
    await this.ensureIndex()
    const [row] = await queryRows<{ generation: number }>(
      this.q,
      sql`update search_index_state
          set building_generation = greatest(active_generation, coalesce(building_generation, 0)) + 1, updated_at = clock_timestamp()
          where name = ${INDEX}
          returning building_generation as generation`,
    )
    const generation = Number(row!.generation)
    await queryRows(this.q, sql`delete from search_documents where generation = ${generation}`)
    return { name: String(generation) }
  }

  async commitRebuild(target: RebuildTarget) {
    const generation = Number(target.name)
    // One statement: every search sees either the old generation or the new one.
    await this.bumpVersion({ set: sql`, active_generation = ${generation}, building_generation = null`, condition: sql`and building_generation = ${generation}` })
    await queryRows(this.q, sql`delete from search_documents where generation <> ${generation}`)
  }

  async abortRebuild(target: RebuildTarget) {
    const generation = Number(target.name)
    await queryRows(this.q, sql`update search_index_state set building_generation = null where name = ${INDEX} and building_generation = ${generation}`)
    await queryRows(this.q, sql`delete from search_documents where generation = ${generation}`)
  }

  /**
   * Typo tolerance: indexed words close to each query word (pg_trgm finds candidates through its
   * GIN index, then the edit distance keeps those within Meilisearch's typo budget).
   */
  private async corrections(terms: QueryTerm[], prefixLast: boolean): Promise<Corrections> {
    const inputs = terms
      .map((t, i) => ({ word: t.words[0]!, prefix: prefixLast && i === terms.length - 1, synonym: t.synonym }))
      .filter((t) => !t.synonym && t.word.length >= 5 && !/^\d+$/.test(t.word))
    if (inputs.length === 0) return new Map()
    const rows = await queryRows<{ input: string; near: string[] | string }>(
      this.q,
      sql`select w.input,
                 array(select s.word from search_words s
                       where s.word % w.input and s.word <> w.input
                       order by s.word <-> w.input, s.word limit 12) as near
          from (values ${sql.join(
            inputs.map((i) => sql`(${i.word}::text)`),
            sql`, `,
          )}) as w(input)`,
    )
    const out: Corrections = new Map()
    for (const row of rows) {
      const input = inputs.find((i) => i.word === row.input)!
      const near = typeof row.near === 'string' ? parsePgArray(row.near) : row.near
      const within = near
        .map((word) => ({ word, typos: typoDistance(row.input, word, input.prefix) }))
        .filter((c): c is { word: string; typos: number } => c.typos !== null)
        .sort((a, b) => a.typos - b.typos)
      out.set(row.input, within.slice(0, 6))
    }
    return out
  }

  /** The text of a query as a tsquery (typo corrections and synonyms included), or null without text. */
  private async textQuery(q: string | undefined) {
    const terms = expandQuery((q ?? '').trim()).slice(0, MAX_TERMS)
    if (terms.length === 0) return null
    const prefixLast = !/\s$/.test(q ?? '')
    const corrections = await this.corrections(terms, prefixLast)
    return (maxTypos: number) => buildTsQuery(terms, corrections, { prefixLast, maxTypos })
  }

  /**
   * The text's match set at the index state: kept per text (shared by concurrent searches), loaded
   * on first use, and brought forward from the change log when the index has moved on.
   */
  private matchSet(query: SearchQuery, state: IndexState, corpus: Corpus): Promise<MatchEntry> {
    const terms = expandQuery((query.q ?? '').trim()).slice(0, MAX_TERMS)
    const key = JSON.stringify([terms, terms.length > 0 && !/\s$/.test(query.q ?? ''), query.orgIds ?? null])
    const existing = this.matchSets.get(key)
    if (existing) {
      this.matchSets.delete(key)
      if (existing.version >= state.version) {
        this.matchSets.set(key, existing)
        return existing.entry
      }
      const advanced = existing.entry.then((entry) => this.advance(entry, query, state, corpus))
      return this.keepMatchSet(key, advanced, state.version)
    }
    return this.keepMatchSet(key, this.loadMatchSet(query, state, corpus), state.version)
  }

  private keepMatchSet(key: string, entry: Promise<MatchEntry>, version: number): Promise<MatchEntry> {
    const kept = { entry, version }
    this.matchSets.set(key, kept)
    entry.then(
      ({ set }) => {
        if (this.matchSets.get(key) !== kept) return
        this.matchSetRows += set.weight
        for (const [oldKey, old] of this.matchSets) {
          if (this.matchSets.size <= MATCH_SETS && this.matchSetRows <= MATCH_SET_ROWS) break
          if (oldKey === key) continue
          this.matchSets.delete(oldKey)
          void old.entry.then(({ set: dropped }) => (this.matchSetRows -= dropped.weight)).catch(() => undefined)
        }
      },
      () => {
        if (this.matchSets.get(key) === kept) this.matchSets.delete(key)
      },
    )
    return entry
  }

  /**
   * The generation's corpus: every document's facet values and sort keys, loaded once (in pages by
   * doc_no) and then extended with the versions that later match sets bring. Replaced when the
   * generation changes, or when superseded versions outnumber the current ones.
   */
  private corpusOf(generation: number): Promise<Corpus | null> {
    if (this.corpus?.generation === generation) return this.corpus.ready
    const entry: CorpusEntry = { generation, ready: this.loadCorpus(generation) }
    this.corpus = entry
    entry.ready.then(
      (corpus) => {
        if (corpus === null && this.corpus === entry) setTimeout(() => this.corpus === entry && (this.corpus = null), 60_000).unref?.()
      },
      () => this.corpus === entry && (this.corpus = null),
    )
    return entry.ready
  }

  private async loadCorpus(generation: number): Promise<Corpus | null> {
    const corpus = new Corpus()
    for (let after = 0; ; ) {
      const rows = await this.corpusRows(sql`generation = ${generation} and doc_no > ${after} order by doc_no limit ${CORPUS_PAGE}`)
      corpus.add(rows)
      if (corpus.size > this.corpusLimit) return null
      if (rows.length < CORPUS_PAGE) {
        // Sorting every document by name takes tens of milliseconds: done here, not in a search.
        corpus.order('name')
        corpus.order('newest')
        return corpus
      }
      after = rows[rows.length - 1]!.docNo
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Corpus rows as one JSON text of arrays, parsed once: several times faster than the driver
   * decoding thousands of rows with array columns. published_at goes as whole microseconds, an
   * integer (printing it as float8 took about a third of the database's time on the rows).
   */
  private async corpusRows(where: SQL): Promise<CorpusRow[]> {
    const [result] = await queryRows<{ rows: string | null }>(
      this.q,
      sql`select json_agg(json_build_array(doc_no, id, kind, entity_id, slug, title, summary, org_id, org_name, url, type, tier, regions, industries, categories, published_us, sort_name))::text as rows
          from (select doc_no, id, kind, entity_id, slug, title, summary, org_id, org_name, url, type, tier, regions, industries, categories, sort_name,
                       coalesce((extract(epoch from published_at) * 1000000)::bigint, 0) as published_us
                from search_documents where ${where}) d`,
    )
    type Packed = [number, string, string, string, string, string, string, string, string, string, string | null, string | null, string[], string[], string[], number, string]
    return (result?.rows ? (JSON.parse(result.rows) as Packed[]) : []).map(
      ([docNo, id, kind, entityId, slug, title, summary, orgId, orgName, url, type, tier, regions, industries, categories, publishedAt, sortName]) => ({
        docNo: Number(docNo),
        id,
        kind,
        entityId,
        slug,
        title,
        summary,
        orgId,
        orgName,
        url,
        type,
        tier,
        regions,
        industries,
        categories,
        publishedAt,
        sortName,
      }),
    )
  }

  /** The documents matching the text, ranked by the database once per text; versions the corpus lacks are read into it. */
  private async loadMatchSet(query: SearchQuery, state: IndexState, corpus: Corpus): Promise<MatchEntry> {
    const tsq = await this.textQuery(query.q)
    const where = sql`generation = ${state.generation} ${tsq ? sql`and tsv @@ to_tsquery('simple', ${tsq(2)})` : sql``}
                      ${query.orgIds ? sql`and org_id = any(${textArray(query.orgIds)})` : sql``}`
    let statement: (restrict: SQL) => SQL
    if (tsq) {
      // Fewer typos rank higher (as in Meilisearch): rank = r(2 typos) + r(1) + r(0), summed in that
      // order; a tsquery shared by two levels is ranked once (offset 0 keeps the planner from
      // inlining the subquery and computing it twice).
      const levels = [tsq(2), tsq(1), tsq(0)]
      const distinct = [...new Set(levels)]
      const weights = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`
      const ranks = distinct.map((text, i) => sql`ts_rank(${weights}, tsv, to_tsquery('simple', ${text})) as ${sql.raw(`r${i}`)}`)
      const rank = sql.raw(`(${levels.map((text) => `r${distinct.indexOf(text)}`).join(' + ')})::float8`)
      // Grouped by rank (a few dozen distinct values), best first; within a rank the corpus orders
      // by date, which costs the database a sort of every match.
      statement = (restrict) =>
        sql`select ${rank}::text as rank, string_agg(doc_no::text, ',') as docs
            from (select doc_no, ${sql.join(ranks, sql`, `)} from search_documents where ${where} ${restrict} offset 0) m
            group by ${rank}`
    } else {
      statement = (restrict) => sql`select '0' as rank, string_agg(doc_no::text, ',') as docs from search_documents where ${where} ${restrict} having count(*) > 0`
    }
    const groups = await this.rankGroups(statement(sql``), state.generation, corpus)
    if (corpus.superseded > corpus.size / 2 && this.corpus?.generation === state.generation) this.corpus = null
    return {
      set: MatchSet.fromRankGroups(corpus, groups, tsq !== null),
      operands: tsqueryOperands(tsq ? tsq(2) : ''),
      hits: new Map<number, SearchHit>(),
      version: state.version,
      generation: state.generation,
      corpus,
      ranked: tsq !== null,
      statement,
    }
  }

  /** Runs a match statement: its rank groups as corpus slots (document versions the corpus lacks are read into it first). */
  private async rankGroups(statement: SQL, generation: number, corpus: Corpus): Promise<RankGroup[]> {
    const rows = await queryRows<{ rank: string; docs: string | null }>(this.q, statement)
    const groups = rows.map((row) => ({ rank: Number(row.rank), docNos: row.docs ? row.docs.split(',').map(Number) : [] }))
    const unknown = groups.flatMap((g) => g.docNos).filter((docNo) => corpus.slot(docNo) === undefined)
    for (let i = 0; i < unknown.length; i += CORPUS_PAGE) {
      const page = unknown.slice(i, i + CORPUS_PAGE)
      corpus.add(await this.corpusRows(sql`generation = ${generation} and doc_no = any(${`{${page.join(',')}}`}::bigint[])`))
    }
    // A version replaced meanwhile has no row any more; the change log brings its successor.
    return groups.map(({ rank, docNos }) => ({ rank, slots: docNos.map((docNo) => corpus.slot(docNo) ?? -1).filter((slot) => slot >= 0) }))
  }

  /**
   * A match set brought forward to `state`: the documents the change log names since its version
   * leave it and, where they still match, come back with their new rank. Loaded again instead
   * when the index was rebuilt, the corpus replaced, or the set is too far behind.
   */
  private async advance(entry: MatchEntry, query: SearchQuery, state: IndexState, corpus: Corpus): Promise<MatchEntry> {
    if (entry.version >= state.version) return entry
    if (entry.generation !== state.generation || entry.corpus !== corpus || state.version - entry.version > CHANGES_FOLLOWED) {
      return this.loadMatchSet(query, state, corpus)
    }
    const changed = await this.changedSince(entry.version, state.version)
    if (changed.length === 0) return { ...entry, version: state.version }
    const groups = await this.rankGroups(entry.statement(sql`and id = any(${textArray(changed)})`), state.generation, corpus)
    return { ...entry, set: entry.set.withChanges(new Set(changed), groups), version: state.version }
  }

  /** Ids of the documents written after index version `from` up to `to` (one read shared by the match sets that need it). */
  private changedSince(from: number, to: number): Promise<string[]> {
    const key = `${from}:${to}`
    let read = this.changeReads.get(key)
    if (!read) {
      read = queryRows<{ id: string }>(this.q, sql`select distinct id from search_changes where version > ${from} and version <= ${to}`).then((rows) => rows.map((r) => r.id))
      this.changeReads.set(key, read)
      if (this.changeReads.size > 64) this.changeReads.delete(this.changeReads.keys().next().value!)
      read.catch(() => this.changeReads.delete(key))
    }
    return read
  }

  /** Filters, facets, sort and page answered from the text's match set; then the page's rows with highlights. */
  private async searchMatchSet(query: SearchQuery, state: IndexState): Promise<SearchResult> {
    const page = Math.max(1, query.page ?? 1)
    const perPage = Math.min(100, Math.max(1, query.perPage ?? 20))
    const facetsWanted = query.facets ?? FACETS
    const filters = query.filters ?? {}
    const corpus = await this.corpusOf(state.generation)
    if (!corpus) return this.searchIndex(query)
    const entry = await this.matchSet(query, state, corpus)
    const { total, facets, slots } = entry.set.evaluate({ filters, sort: query.sort ?? 'relevance', page, perPage, facets: facetsWanted })
    for (const facet of facetsWanted) for (const value of filters[facet] ?? []) facets[facet][value] ??= 0
    // Hits (with their highlights for this text) are kept with the match set: pages of other filters reuse them.
    const hits = slots.map((slot) => {
      let hit = entry.hits.get(slot)
      if (!hit) {
        if (entry.hits.size >= HITS_PER_MATCH_SET) entry.hits.clear()
        hit = corpusHit(corpus.row(slot), entry.operands)
        entry.hits.set(slot, hit)
      }
      return hit
    })
    return { total, page, perPage, hits, facets }
  }

  private async searchIndex(query: SearchQuery): Promise<SearchResult> {
    const page = Math.max(1, query.page ?? 1)
    const perPage = Math.min(100, Math.max(1, query.perPage ?? 20))
    const facetsWanted = query.facets ?? FACETS
    const filters = query.filters ?? {}
    const rawQ = (query.q ?? '').trim()
    const terms = expandQuery(rawQ).slice(0, MAX_TERMS)
    const prefixLast = terms.length > 0 && !/\s$/.test(query.q ?? '')
    const corrections: Corrections = terms.length > 0 ? await this.corrections(terms, prefixLast) : new Map()
    const tsq = (maxTypos: number) => sql`to_tsquery('simple', ${buildTsQuery(terms, corrections, { prefixLast, maxTypos })})`
    const query_ = terms.length > 0 ? tsq(2) : null

    const filterSql = (facet: Facet): SQL | null => {
      const values = filters[facet]
      if (!values || values.length === 0) return null
      const { column, array } = FACET_COLUMNS[facet]
      return array ? sql`${sql.identifier(column)} && ${textArray(values)}` : sql`${sql.identifier(column)} = any(${textArray(values)})`
    }
    const textMatch = query_ ? sql`and tsv @@ ${query_}` : sql``
    const allFilters = FACETS.map(filterSql).filter((f): f is SQL => f !== null)
    const orgScope = query.orgIds ? sql`and org_id = any(${textArray(query.orgIds)})` : sql``
    const where = sql`generation = ${activeGeneration} ${textMatch} ${orgScope} ${allFilters.length ? sql`and ${sql.join(allFilters, sql` and `)}` : sql``}`

    const weights = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`
    // Fewer typos rank higher (as in Meilisearch): exact words count three times, one-typo words twice.
    const rank = query_ ? sql`(ts_rank(${weights}, tsv, ${query_}) + ts_rank(${weights}, tsv, ${tsq(1)}) + ts_rank(${weights}, tsv, ${tsq(0)}))` : sql`0`
    // Code-point order ("C"), the same in every database and in the match sets (match-set.ts).
    const order =
      query.sort === 'name'
        ? sql`sort_name collate "C" asc, id collate "C" asc`
        : query.sort === 'newest' || !query_
          ? sql`published_at desc, id collate "C" asc`
          : sql`rank desc, published_at desc, id collate "C" asc`
    const offset = (page - 1) * perPage
    const hl = (column: string) =>
      query_ ? sql`ts_headline('simple', ${sql.identifier(column)}, ${query_}, ${`HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`})` : sql`null`

    const hitsPromise = queryRows<Row>(
      this.q,
      sql`select id, kind, entity_id as "entityId", slug, title, summary, org_id as "orgId", org_name as "orgName", type, tier, regions, industries,
                 categories, url, coalesce((extract(epoch from published_at) * 1000000)::bigint, 0)::float8 as "publishedAt",
                 ${hl('title')} as "titleHl", ${hl('summary')} as "summaryHl"
          from (select id, kind, entity_id, slug, title, summary, org_id, org_name, type, tier, regions, industries, categories, url,
                       published_at, sort_name, ${rank} as rank
                from search_documents where ${where}
                order by ${order} limit ${perPage} offset ${offset}) d
          order by ${order}`,
    )

    // Disjunctive facets: each facet is counted over the documents matching the text and every
    // other facet's filter, but not its own (OR within a facet, AND across facets).
    const flag = (facet: Facet) => filterSql(facet) ?? sql`true`
    const others = (facet: Facet | null) => sql.join(
      FACETS.filter((f) => f !== facet).map((f) => sql.raw(`f_${f}`)),
      sql` and `,
    )
    const facetSelects = facetsWanted.map((facet) => {
      const { column, array } = FACET_COLUMNS[facet]
      const value = array ? sql`v` : sql.identifier(column)
      const from = array ? sql`m cross join lateral unnest(m.${sql.identifier(column)}) as v` : sql`m`
      return sql`select ${facet}::text as facet, ${value}::text as value, count(*)::int as n from ${from}
                 where ${others(facet)} and ${value} is not null group by 2`
    })
    const facetsPromise = queryRows<{ facet: string; value: string | null; n: number }>(
      this.q,
      sql`with m as materialized (
            select kind, type, tier, regions, industries, categories,
                   ${sql.join(
                     FACETS.map((f) => sql`${flag(f)} as ${sql.raw(`f_${f}`)}`),
                     sql`, `,
                   )}
            from search_documents where generation = ${activeGeneration} ${textMatch} ${orgScope}
          )
          select '_total'::text as facet, null::text as value, count(*)::int as n from m where ${others(null)}
          ${facetSelects.length ? sql`union all ${sql.join(facetSelects, sql` union all `)}` : sql``}`,
    )

    const [rows, facetRows] = await Promise.all([hitsPromise, facetsPromise])
    const facets: FacetCounts = emptyFacets()
    let total = 0
    for (const row of facetRows) {
      if (row.facet === '_total') total = Number(row.n)
      else if (row.value !== null) facets[row.facet as Facet][row.value] = Number(row.n)
    }
    // Values someone filtered on stay visible with a zero count, so their chip can be cleared.
    for (const facet of facetsWanted) for (const value of filters[facet] ?? []) facets[facet][value] ??= 0

    const hits: SearchHit[] = rows.map(toHit)
    return { total, page, perPage, hits, facets }
  }
}

/** A result row from the corpus, its title and summary highlighted as ts_headline would (highlight.ts). */
function corpusHit(row: CorpusRow, operands: Operands): SearchHit {
  return { document: hitDocument(row), highlight: { title: highlightParts(row.title, operands), summary: highlightParts(row.summary, operands) } }
}

/** A result row read in SQL, highlighted by ts_headline. */
function toHit(r: Row): SearchHit {
  const document = hitDocument({ ...r, regions: arr(r.regions), industries: arr(r.industries), categories: arr(r.categories) })
  return { document, highlight: { title: toHighlightParts(r.titleHl ?? r.title), summary: toHighlightParts(r.summaryHl ?? r.summary) } }
}

function hitDocument(row: Omit<CorpusRow, 'docNo' | 'sortName'>): SearchHit['document'] {
  const { id, kind, entityId, slug, title, summary, orgId, orgName, type, tier, regions, industries, categories, url } = row
  const publishedAt = new Date(Math.floor(Number(row.publishedAt) / 1000)).toISOString()
  return { id, kind: kind as SearchHit['document']['kind'], entityId, slug, title, summary, orgId, orgName, type, tier, regions, industries, categories, url, publishedAt }
}

function camel(column: string) {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

function arr(value: string[] | string | null): string[] {
  if (value === null) return []
  return Array.isArray(value) ? value : parsePgArray(value)
}

/** `{a,b}` → ['a','b'] (drivers that hand back arrays as text). */
function parsePgArray(value: string): string[] {
  const inner = value.replace(/^\{|\}$/g, '')
  if (!inner) return []
  return inner.split(',').map((v) => v.replace(/^"|"$/g, ''))
}
