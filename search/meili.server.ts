import { Meilisearch, type EnqueuedTask, type EnqueuedTaskPromise, type MultiSearchResponse, type RecordAny } from 'meilisearch'
import { Pool } from 'undici'
import { filtersWithout, meiliQueryText, meiliSearchPayloads, meiliSettings, MEILI_FACET_ATTRIBUTES, MEILI_RETRIEVED, toMeiliDocument, type MeiliDocument } from '#search/meili-payloads.ts'
import {
  emptyFacets,
  FACETS,
  MARK_END,
  MARK_START,
  toHighlightParts,
  type Facet,
  type RebuildTarget,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type StoredDocument,
} from '#search/types.ts'

const BATCH = 1000
/** The consumer reads what the index holds before writing up to this many documents (one GET). */
const HELD_CHECK_LIMIT = 100
const TASK_TIMEOUT_MS = Number(process.env.MEILI_TASK_TIMEOUT_MS ?? 60_000)

export type MeiliOptions = {
  host: string
  /** The admin (or master) key: index, settings and document writes. */
  apiKey?: string
  /** A key allowed to search only (Meilisearch's "Default Search API Key"); searches use it when given. */
  searchKey?: string
  index: string
  requestTimeoutMs?: number
  /**
   * The index's version as the database records it (the search consumer's outbox position):
   * answers are kept per version, like the PostgreSQL engine's. Without it nothing is kept.
   */
  version?: () => Promise<string>
  /** Answers kept per version (0: none). */
  cacheSize?: number
  /** A version read less than this long ago is trusted (other nodes' writes show within it). */
  freshMs?: number
  /** The longest an answer is kept, whatever the version says (a repair outside the outbox). */
  maxAgeMs?: number
}

/**
 * Meilisearch: settings applied before documents, documents in batches, every task awaited with a
 * timeout (a failed task throws, so the outbox consumer retries), zero-downtime rebuilds by filling
 * a new index and swapping it with the live one.
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const
  readonly client: Meilisearch
  readonly index: string
  /** Only a search key: this node searches and never writes or configures (a web-only node). */
  readonly searchOnly: boolean
  private ensured = false
  private readonly versionOf: (() => Promise<string>) | null
  private readonly cacheSize: number
  private readonly freshMs: number
  private readonly maxAgeMs: number
  private cache = new Map<string, { result: SearchResult; until: number }>()
  /**
   * Facet counts kept per index version, keyed by the text and the filters they were counted
   * under (`countsKey`): a facet's counts do not depend on the sort or the page, and a filtered
   * facet's disjunctive counts are the counts of the same text under the other filters, so other
   * pages, sorts and filter combinations of a text reuse them instead of asking again.
   */
  private counts = new Map<string, { facets: Partial<Record<Facet, Record<string, number>>>; until: number }>()
  /** Searches on their way to Meilisearch, by version and query: a concurrent identical search joins one. */
  private inFlight = new Map<string, Promise<SearchResult>>()
  /** What this node's searches cost (bench:search prints it): answers kept, searches that joined an identical one in flight, multi-searches and queries sent, facet counts reused, times everything kept was dropped (a new version or a write); and documents or deletions the consumer skipped because the index already held them so. */
  readonly stats = { searches: 0, kept: 0, joined: 0, multiSearches: 0, queries: 0, countsReused: 0, dropped: 0, writesSkipped: 0 }
  private cacheVersion: string | null = null
  private versionReadAt = -Infinity
  private versionReading: Promise<string> | null = null
  /** Bumped by every write of this process: an answer fetched before it is not kept after it. */
  private writes = 0
  /**
   * Searches, the hot path, skip the client library: a kept-alive connection pool and one POST of
   * the multi-search cost about half the CPU of the library's `fetch` with its per-request abort
   * timer and header merging (measured with bench:search). Writes and settings stay on the client.
   */
  private readonly searchPool: Pool
  private readonly searchPath: string
  private readonly searchHeaders: Record<string, string>
  private readonly timeoutMs: number

  constructor(options: MeiliOptions) {
    this.versionOf = options.version ?? null
    this.cacheSize = this.versionOf ? (options.cacheSize ?? 1000) : 0
    this.freshMs = options.freshMs ?? 250
    this.maxAgeMs = options.maxAgeMs ?? 10_000
    const timeout = options.requestTimeoutMs ?? 10_000
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout })
    this.searchOnly = Boolean(options.searchKey) && !options.apiKey
    this.index = options.index
    const base = new URL(options.host.endsWith('/') ? options.host : `${options.host}/`)
    this.searchPool = new Pool(base.origin, { connections: 32, keepAliveTimeout: 30_000, pipelining: 1 })
    this.searchPath = `${base.pathname}multi-search`
    const key = options.searchKey ?? options.apiKey
    this.searchHeaders = { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }
    this.timeoutMs = timeout
  }

  /** One multi-search over the kept-alive pool; any failure (refused, timed out, 4xx/5xx) throws with the server's message. */
  private async multiSearch(queries: unknown[]): Promise<MultiSearchResponse<RecordAny>> {
    const { statusCode, body } = await this.searchPool.request({
      path: this.searchPath,
      method: 'POST',
      headers: this.searchHeaders,
      body: JSON.stringify({ queries }),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    })
    const json = (await body.json()) as MultiSearchResponse<RecordAny> & { message?: string; code?: string }
    if (statusCode >= 300) throw new Error(`Meilisearch search answered ${statusCode}: ${json.message ?? 'no detail'}`, { cause: { code: json.code } })
    return json
  }

  /** Closes the search connections (tests and shutdown). */
  async close() {
    await this.searchPool.close()
  }

  private async wait(task: EnqueuedTaskPromise, what: string) {
    return this.settled(await task, what)
  }

  /** Waits for an enqueued task (the tasks API); anything but success throws, so the outbox consumer retries. */
  private async settled(task: EnqueuedTask, what: string) {
    const done = await this.client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS, interval: 10 })
    if (done.status !== 'succeeded') throw new Error(`Meilisearch ${what} ${done.status}: ${done.error?.message ?? 'no detail'}`)
    return done
  }

  /** Enqueues every batch first (Meilisearch batches queued tasks together), then waits for each in order. */
  private async pipelined(enqueue: (() => EnqueuedTaskPromise)[], what: string) {
    const tasks: EnqueuedTask[] = []
    for (const next of enqueue) tasks.push(await next())
    try {
      for (const task of tasks) await this.settled(task, what)
    } finally {
      this.forgetAnswers()
    }
  }

  /** This process changed the index: nothing kept from before may answer again. */
  private forgetAnswers() {
    this.writes++
    this.stats.dropped++
    this.cache.clear()
    this.counts.clear()
    this.versionReadAt = -Infinity
  }

  private async currentVersion() {
    const now = performance.now()
    if (this.cacheVersion !== null && now - this.versionReadAt < this.freshMs) return this.cacheVersion
    // Searches arriving while the version is being read wait for that read instead of starting their own.
    const reading = (this.versionReading ??= this.versionOf!().finally(() => (this.versionReading = null)))
    const version = await reading
    if (version !== this.cacheVersion) {
      if (this.cacheVersion !== null) this.stats.dropped++
      this.cache.clear()
      this.counts.clear()
    }
    this.cacheVersion = version
    this.versionReadAt = now
    return version
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

  /**
   * Creates the index if needed and applies the settings only where they differ from what the
   * server holds, so starting a node (or many) against a configured index changes nothing.
   * Returns the settings it had to change.
   */
  async configure(uid: string): Promise<string[]> {
    if (!(await this.exists(uid))) await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`)
    const wanted = meiliSettings()
    const current = (await this.client.index(uid).getSettings()) as Record<string, unknown>
    const changed = Object.keys(wanted).filter((key) => !holds(current[key], (wanted as Record<string, unknown>)[key], UNORDERED_SETTINGS.has(key)))
    if (changed.length) {
      const patch = Object.fromEntries(changed.map((key) => [key, (wanted as Record<string, unknown>)[key]]))
      await this.wait(this.client.index(uid).updateSettings(patch), `settings of ${uid}`)
    }
    return changed
  }

  async ensureIndex() {
    if (this.ensured) return
    await this.configure(this.index)
    this.ensured = true
  }

  /**
   * After any failed call the index and its settings are checked again before the next write: a
   * server that came back empty (a new volume, a restored old snapshot) gets its index and
   * settings before any document, instead of an index Meilisearch would create with defaults.
   */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      this.ensured = false
      throw error
    }
  }

  upsert(documents: SearchDocument[], target?: RebuildTarget) {
    return this.guarded(() => this.write(documents, target))
  }

  private async write(documents: SearchDocument[], target?: RebuildTarget) {
    if (documents.length === 0) return
    if (!target) await this.ensureIndex()
    await this.pipelined(this.additions(documents.map(toMeiliDocument), target), 'document batch')
  }

  private additions(documents: MeiliDocument[], target?: RebuildTarget) {
    const index = this.client.index(target?.name ?? this.index)
    const batches: (() => EnqueuedTaskPromise)[] = []
    for (let i = 0; i < documents.length; i += BATCH) {
      const batch = documents.slice(i, i + BATCH)
      batches.push(() => index.addDocuments(batch, { primaryKey: 'id' }))
    }
    return batches
  }

  private deletions(ids: string[], target?: RebuildTarget) {
    const index = this.client.index(target?.name ?? this.index)
    const batches: (() => EnqueuedTaskPromise)[] = []
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH)
      batches.push(() => index.deleteDocuments(batch))
    }
    return batches
  }

  apply(upserts: SearchDocument[], deletes: string[], target?: RebuildTarget) {
    return this.guarded(() => this.applyChanges(upserts, deletes, target))
  }

  /**
   * The outbox consumer's write: what the live index already holds as given is skipped (a
   * document whose stored digest equals the new one, a deletion of an id it does not hold), so
   * events that change nothing searchable (a draft listing saved, its partner's document
   * unchanged) cost one read instead of an indexing task each; the rest is enqueued together
   * (additions, then deletions) and awaited once. Only this consumer writes the live index and
   * it waits for every task, so what the read returns is what the index holds. Large batches
   * (imports, organization changes) skip the read.
   */
  private async applyChanges(upserts: SearchDocument[], deletes: string[], target?: RebuildTarget) {
    if (upserts.length === 0 && deletes.length === 0) return
    if (!target) await this.ensureIndex()
    let documents = upserts.map(toMeiliDocument)
    let ids = deletes
    if (!target && documents.length + ids.length <= HELD_CHECK_LIMIT) {
      const held = await this.heldDigests([...documents.map((d) => d.id), ...ids])
      documents = documents.filter((d) => held.get(d.id) !== d.digest)
      ids = ids.filter((id) => held.has(id))
      this.stats.writesSkipped += upserts.length - documents.length + deletes.length - ids.length
    }
    if (documents.length === 0 && ids.length === 0) return
    await this.pipelined([...this.additions(documents, target), ...this.deletions(ids, target)], 'document changes')
  }

  /** The digests the live index holds for these ids (absent ids are not in the map). */
  private async heldDigests(ids: string[]) {
    const page = await this.client.index(this.index).getDocuments<{ id: string; digest: string }>({ ids, fields: ['id', 'digest'], limit: ids.length })
    return new Map(page.results.map((d) => [d.id, d.digest]))
  }

  delete(ids: string[], target?: RebuildTarget) {
    return this.guarded(() => this.remove(ids, target))
  }

  private async remove(ids: string[], target?: RebuildTarget) {
    if (ids.length === 0) return
    if (!target) await this.ensureIndex()
    await this.pipelined(this.deletions(ids, target), 'document deletion')
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
      if (page.results.length)
        yield page.results.map((d) => ({ ...d, type: d.type ?? null, tier: d.tier ?? null, regions: d.regions ?? [], industries: d.industries ?? [], categories: d.categories ?? [] }))
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
    this.forgetAnswers()
    await this.wait(this.client.deleteIndex(target.name), 'old index deletion')
  }

  async abortRebuild(target: RebuildTarget) {
    await this.wait(this.client.deleteIndex(target.name), 'rebuild index deletion')
  }

  search(query: SearchQuery): Promise<SearchResult> {
    this.stats.searches++
    return this.guarded(() => (this.cacheSize > 0 ? this.findKept(query) : this.find(query)))
  }

  /** An answer kept for this index version and query, or a fresh one (then kept). */
  private async findKept(query: SearchQuery): Promise<SearchResult> {
    const writes = this.writes
    const version = await this.currentVersion()
    const key = JSON.stringify([query.q ?? '', query.filters ?? {}, query.sort ?? 'relevance', query.page ?? 1, query.perPage ?? 20, query.facets ?? null, query.orgIds ?? null])
    const now = performance.now()
    const kept = this.cache.get(key)
    if (kept && kept.until > now) {
      this.cache.delete(key)
      this.cache.set(key, kept)
      this.stats.kept++
      return kept.result
    }
    // The same query already on its way to Meilisearch for this version: wait for that answer.
    const flightKey = `${this.writes}\u0000${version}\u0000${key}`
    const inFlight = this.inFlight.get(flightKey)
    if (inFlight) {
      this.stats.joined++
      return inFlight
    }
    const keep = () => writes === this.writes && version === this.cacheVersion
    const asked = this.find(query, keep)
      .then((result) => {
        if (keep()) {
          this.cache.set(key, { result, until: now + this.maxAgeMs })
          if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!)
        }
        return result
      })
      .finally(() => this.inFlight.delete(flightKey))
    this.inFlight.set(flightKey, asked)
    return asked
  }

  /**
   * Where facet counts of a text under `filters` are kept: `text` is `textKey(query)` (computed
   * once per search); the filters' order and repeats do not matter.
   */
  private countsKey(text: string, filters: SearchFilters) {
    let key = text
    for (const f of FACETS) if (filters[f]?.length) key += `\u0000${f}=${[...new Set(filters[f])].sort().join('\u0001')}`
    return key
  }

  /** The part of a counts key that names the text (as Meilisearch is asked for it) and the organizations. */
  private textKey(query: SearchQuery) {
    return JSON.stringify([meiliQueryText(query.q), query.orgIds ?? null])
  }

  /** Counts kept for the text under `filters` (still fresh), if any. */
  private keptCounts(text: string, filters: SearchFilters, now: number) {
    const kept = this.counts.get(this.countsKey(text, filters))
    return kept && kept.until > now ? kept.facets : undefined
  }

  private keepCounts(text: string, filters: SearchFilters, facet: Facet, counts: Record<string, number>, now: number) {
    const key = this.countsKey(text, filters)
    const kept = this.counts.get(key)
    if (kept && kept.until > now) kept.facets[facet] = counts
    else {
      this.counts.set(key, { facets: { [facet]: counts }, until: now + this.maxAgeMs })
      if (this.counts.size > this.cacheSize * 4) this.counts.delete(this.counts.keys().next().value!)
    }
  }

  /**
   * One multi-search. With `keep` (answers are kept), facet counts already kept for this text and
   * these filters are reused rather than asked for, and the new ones are kept while `keep()` holds
   * (no write and no new version meanwhile).
   */
  private async find(query: SearchQuery, keep?: () => boolean): Promise<SearchResult> {
    // A search-only node relies on the indexer nodes to create and configure the index.
    if (!this.searchOnly) await this.ensureIndex()
    const filters = query.filters ?? {}
    const started = performance.now()
    // The counts this search reuses, taken now: the kept ones may be dropped while it waits.
    const reused = new Map<string, Record<string, number>>()
    const text = keep ? this.textKey(query) : ''
    const counted = (under: SearchFilters, facet: Facet) => {
      if (!keep) return false
      const counts = this.keptCounts(text, under, started)?.[facet]
      if (counts) reused.set(facet, counts)
      return Boolean(counts)
    }
    const { queries, facetOf } = meiliSearchPayloads(this.index, query, counted)
    this.stats.multiSearches++
    this.stats.queries += queries.length
    this.stats.countsReused += reused.size
    const response = await this.multiSearch(queries)
    const [main, ...facetResults] = response.results
    const facets = emptyFacets()
    const wanted = query.facets ?? FACETS
    const fresh = keep?.() ?? false
    const take = (facet: Facet, counts: Record<string, number>) => {
      for (const [value, n] of Object.entries(counts)) facets[facet][value] = n
    }
    const counts = (facet: Facet, distribution: Record<string, Record<string, number>> | undefined) => distribution?.[MEILI_FACET_ATTRIBUTES[facet]] ?? {}
    for (const facet of wanted) {
      const known = reused.get(facet)
      if (known) take(facet, known)
      else if (!filters[facet]?.length) {
        const found = counts(facet, main!.facetDistribution)
        if (fresh) this.keepCounts(text, filters, facet, found, started)
        take(facet, found)
      }
    }
    facetResults.forEach((result, i) => {
      const facet = facetOf[i + 1]!
      const found = counts(facet, result.facetDistribution)
      if (fresh) this.keepCounts(text, filtersWithout(filters, facet), facet, found, started)
      take(facet, found)
    })
    for (const facet of wanted) for (const value of filters[facet] ?? []) facets[facet][value] ??= 0
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
        highlight: { title: toHighlightParts(wholeWords(formatted.title ?? doc.title)), summary: toHighlightParts(wholeWords(formatted.summary ?? doc.summary)) },
      }
    })
    const total = (main as { totalHits?: number }).totalHits ?? main!.estimatedTotalHits ?? hits.length
    return { total, page: Math.max(1, query.page ?? 1), perPage: Math.min(100, Math.max(1, query.perPage ?? 20)), hits, facets }
  }
}

/** Settings that are sets: the server returns them in its own order. */
const UNORDERED_SETTINGS = new Set(['filterableAttributes', 'sortableAttributes'])

/**
 * Whether the server's value already is what we want: objects need only the keys we set (the
 * server fills in defaults for the rest), lists must match in order unless they are sets.
 */
function holds(current: unknown, wanted: unknown, unordered = false): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(current) || current.length !== wanted.length) return false
    const [a, b] = unordered ? [[...current].map(String).sort(), [...wanted].map(String).sort()] : [current, wanted]
    return b.every((value, i) => holds(a[i], value))
  }
  if (wanted && typeof wanted === 'object') {
    if (!current || typeof current !== 'object') return false
    return Object.entries(wanted).every(([key, value]) => holds((current as Record<string, unknown>)[key], value))
  }
  return current === wanted
}

// Compiled once: wholeWords runs for two fields of every hit.
const WORD_AFTER_MARK_END = new RegExp(`${MARK_END}([\\p{L}\\p{N}]+)`, 'gu')
const WORD_BEFORE_MARK_START = new RegExp(`([\\p{L}\\p{N}]+)${MARK_START}`, 'gu')

/**
 * Meilisearch marks only the part of a word that matched (a prefix or typo match of "helthcare"
 * marks "Healthcar" in "Healthcare"); the PostgreSQL engine, like ts_headline, marks whole words.
 * Widens each mark to the word it sits in.
 */
export function wholeWords(marked: string): string {
  if (!marked.includes(MARK_START)) return marked
  return marked.replace(WORD_AFTER_MARK_END, `$1${MARK_END}`).replace(WORD_BEFORE_MARK_START, `${MARK_START}$1`)
}
