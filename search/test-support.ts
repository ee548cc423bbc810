/**
 * Helpers for the search suites: a real engine that can be switched off, the engine under test
 * (Meilisearch when MEILI_HOST is set, else the embedded PostgreSQL engine), the search outbox
 * consumer run to completion, and the check that the index equals the database.
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { createId } from '#app/utils/id.ts'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { allDocuments } from '#search/documents.server.ts'
import { engineFor } from '#search/engine.server.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { handleSearchEvents, SEARCH_CONSUMER } from '#search/sync.server.ts'
import type { RebuildTarget, SearchDocument, SearchEngine, SearchQuery } from '#search/types.ts'
import { describeDrift, verifySearchIndex } from '#search/verify.server.ts'

/** A real engine that can be switched off: every call fails while `state.down` is true. */
export class FlakyEngine implements SearchEngine {
  readonly name: SearchEngine['name']
  constructor(
    readonly inner: SearchEngine,
    readonly state: { down: boolean; failures: number },
  ) {
    this.name = inner.name
  }
  using(q: Queryable) {
    return new FlakyEngine(engineFor(this.inner, q), this.state)
  }
  private check() {
    if (this.state.down) {
      this.state.failures++
      throw new Error('search engine unreachable (connection refused)')
    }
  }
  async ensureIndex() {
    this.check()
    return this.inner.ensureIndex()
  }
  async upsert(docs: SearchDocument[], target?: RebuildTarget) {
    this.check()
    return this.inner.upsert(docs, target)
  }
  async delete(ids: string[], target?: RebuildTarget) {
    this.check()
    return this.inner.delete(ids, target)
  }
  async search(q: SearchQuery) {
    this.check()
    return this.inner.search(q)
  }
  async allIds() {
    return this.inner.allIds()
  }
  documents(pageSize?: number) {
    return this.inner.documents(pageSize)
  }
  async beginRebuild() {
    this.check()
    return this.inner.beginRebuild()
  }
  async commitRebuild(t: RebuildTarget) {
    this.check()
    return this.inner.commitRebuild(t)
  }
  async abortRebuild(t: RebuildTarget) {
    return this.inner.abortRebuild(t)
  }
  async health() {
    this.check()
    return true
  }
}

/** Meilisearch (a fresh index of its own) when MEILI_HOST is set, else the embedded PostgreSQL engine. */
export function engineUnderTest(): SearchEngine {
  if (process.env.MEILI_HOST) {
    return new MeiliSearchEngine({ host: process.env.MEILI_HOST, apiKey: process.env.MEILI_API_KEY || undefined, index: `test_${createId(8).toLowerCase()}` })
  }
  return new PostgresSearchEngine()
}

/** Drops a Meilisearch test index (nothing to do for the PostgreSQL engine: the test database goes). */
export async function dropTestIndex(engine: SearchEngine) {
  const inner = engine instanceof FlakyEngine ? engine.inner : engine
  if (inner instanceof MeiliSearchEngine)
    await inner.client
      .deleteIndex(inner.index)
      .waitTask({ timeout: 30_000 })
      .catch(() => undefined)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The search outbox consumer feeding `engine`, as the workers run it. */
export function searchConsumer(engine: SearchEngine) {
  const consume = () => processBatch(SEARCH_CONSUMER, (events, tx) => handleSearchEvents(events, tx, engine))
  /** Runs the consumer until it has nothing left, waiting out its retry backoff. */
  const drain = async (deadlineMs = 20_000) => {
    const until = Date.now() + deadlineMs
    while (Date.now() < until) {
      const handled = await consume()
      const [cursor] = await queryRows<{ retry_at: Date | null; pending: number }>(
        db,
        sql`select c.retry_at, (select count(*)::int from domain_events e where (e.txid, e.id) > (c.last_txid, c.last_id)) as pending
            from outbox_cursors c where c.consumer = ${SEARCH_CONSUMER}`,
      )
      if (handled === 0 && cursor && Number(cursor.pending) === 0) return
      if (handled === 0) await sleep(100)
    }
    throw new Error('the search consumer did not catch up in time')
  }
  return { consume, drain }
}

function comparable(d: Pick<SearchDocument, 'title' | 'summary' | 'orgName' | 'type' | 'tier' | 'regions' | 'industries' | 'categories' | 'url' | 'kind'>) {
  return {
    kind: d.kind,
    title: d.title,
    summary: d.summary,
    orgName: d.orgName,
    type: d.type,
    tier: d.tier,
    regions: [...d.regions].sort(),
    industries: [...d.industries].sort(),
    categories: [...d.categories].sort(),
    url: d.url,
  }
}

/** Every searchable document the index holds, read back through the engine's own search. */
async function searchable(engine: SearchEngine): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>()
  for (let page = 1; ; page++) {
    const r = await engine.search({ sort: 'name', page, perPage: 100 })
    for (const h of r.hits) out.set(h.document.id, comparable(h.document))
    if (r.hits.length < 100) break
  }
  return out
}

/**
 * The index equals the database: every document found by a search (all pages) matches what the
 * database says, and `search:verify` finds no drift in any field (body and keywords included).
 */
export async function expectIndexEqualsDatabase(engine: SearchEngine) {
  const inner = engine instanceof FlakyEngine ? engine.inner : engine
  const want = new Map<string, unknown>()
  for await (const docs of allDocuments(db)) for (const d of docs) want.set(d.id, comparable(d))
  const have = await searchable(inner)
  expect([...have.keys()].sort()).toEqual([...want.keys()].sort())
  expect(Object.fromEntries(have)).toEqual(Object.fromEntries(want))
  const report = await verifySearchIndex(inner)
  expect(describeDrift(report)).toEqual([])
}
