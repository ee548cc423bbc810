import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { Corpus, type CorpusRow } from '#search/corpus.ts'
import { highlightParts, type Operands, tsqueryOperands } from '#search/highlight.ts'
import { MatchSet, type RankGroup } from '#search/match-set.ts'
import { hitDocument, textArray } from '#search/postgres-common.ts'
import { CORPUS_PAGE, type CorpusCache } from '#search/postgres-corpus.server.ts'
import type { IndexState } from '#search/postgres-index-state.server.ts'
import { MAX_TERMS, type QueryPlanner } from '#search/postgres-query-plan.server.ts'
import type { SqlSearch } from '#search/postgres-sql-search.server.ts'
import { expandQuery } from '#search/synonyms.ts'
import { FACETS, type SearchHit, type SearchQuery, type SearchResult } from '#search/types.ts'

/** Match sets kept per index version: at most 64 texts and a million matching documents (about 60 bytes each). */
const MATCH_SETS = 64
const MATCH_SET_ROWS = 1_000_000
/** Hits (rows with highlights) kept per match set. */
const HITS_PER_MATCH_SET = 500
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

/**
 * Per text, the documents PostgreSQL ranked once (match-set.ts), brought forward through the change
 * log (`search_changes`) as the index moves on; filters, facets, sorts and pages are answered from them.
 */
export class MatchSets {
  /** Text query → its match set (a promise, so concurrent searches for one text share one scan) and the version it is for. */
  private matchSets = new Map<string, { entry: Promise<MatchEntry>; version: number }>()
  private changeReads = new Map<string, Promise<string[]>>()
  private matchSetRows = 0

  constructor(
    private readonly conn: () => Queryable,
    private readonly corpora: CorpusCache,
    private readonly planner: QueryPlanner,
    private readonly sqlSearch: SqlSearch,
  ) {}

  private get q() {
    return this.conn()
  }

  /** Forgets every match set (the index was rebuilt, or the database changed). */
  clear() {
    this.matchSets.clear()
    this.matchSetRows = 0
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

  /** The documents matching the text, ranked by the database once per text; versions the corpus lacks are read into it. */
  private async loadMatchSet(query: SearchQuery, state: IndexState, corpus: Corpus): Promise<MatchEntry> {
    const tsq = await this.planner.textQuery(query.q)
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
    if (corpus.superseded > corpus.size / 2) this.corpora.forget(state.generation)
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
      corpus.add(await this.corpora.corpusRows(sql`generation = ${generation} and doc_no = any(${`{${page.join(',')}}`}::bigint[])`))
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
  async search(query: SearchQuery, state: IndexState): Promise<SearchResult> {
    const page = Math.max(1, query.page ?? 1)
    const perPage = Math.min(100, Math.max(1, query.perPage ?? 20))
    const facetsWanted = query.facets ?? FACETS
    const filters = query.filters ?? {}
    const corpus = await this.corpora.corpusOf(state.generation)
    if (!corpus) return this.sqlSearch.searchIndex(query)
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
}

/** A result row from the corpus, its title and summary highlighted as ts_headline would (highlight.ts). */
function corpusHit(row: CorpusRow, operands: Operands): SearchHit {
  return { document: hitDocument(row), highlight: { title: highlightParts(row.title, operands), summary: highlightParts(row.summary, operands) } }
}
