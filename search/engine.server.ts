import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import type { SearchEngine } from '#search/types.ts'
import { rememberBox } from '#app/core/remember.ts'

const holder = rememberBox<SearchEngine>('search-engine')

/**
 * Meilisearch when MEILI_HOST is set (searches with MEILI_SEARCH_KEY when given, everything else
 * with MEILI_API_KEY), otherwise the embedded PostgreSQL engine.
 */
export function createEngineFromEnv(): SearchEngine {
  const host = process.env.MEILI_HOST
  if (host) {
    return new MeiliSearchEngine({
      host,
      apiKey: process.env.MEILI_API_KEY || undefined,
      searchKey: process.env.MEILI_SEARCH_KEY || undefined,
      index: process.env.MEILI_INDEX || 'marketplace',
      // Every change reaches Meilisearch through the search consumer, whose cursor moves only after
      // Meilisearch has applied it: the cursor's position is the index's version.
      version: searchConsumerPosition,
      cacheSize: process.env.SEARCH_CACHE === '0' ? 0 : 1000,
    })
  }
  return new PostgresSearchEngine(undefined, { cacheSize: process.env.SEARCH_CACHE === '0' ? 0 : 1000 })
}

async function searchConsumerPosition() {
  const [row] = await queryRows<{ position: string }>(db, sql`select last_txid || ':' || last_id as position from outbox_cursors where consumer = 'search'`)
  return row?.position ?? 'none'
}

/** The process-wide search engine. */
export function searchEngine(): SearchEngine {
  holder.current ??= createEngineFromEnv()
  return holder.current
}

/** Tests and tools swap the engine (e.g. to wrap it in a fault injector). */
export function setSearchEngine(engine: SearchEngine | undefined) {
  holder.current = engine
}

/**
 * The engine to use inside an open database transaction: the PostgreSQL engine writes through that
 * transaction (PGlite has a single connection); other engines are unaffected.
 */
export function engineFor(engine: SearchEngine, q: Queryable): SearchEngine {
  const withTx = engine as SearchEngine & { using?: (q: Queryable) => SearchEngine }
  return typeof withTx.using === 'function' ? withTx.using(q) : engine
}
