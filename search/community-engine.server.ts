import type { Queryable } from '#db/client.server.ts'
import { rememberBox } from '#app/core/remember.ts'
import { MeiliCommunitySearch } from '#search/community-meili.server.ts'
import { PostgresCommunitySearch } from '#search/community-postgres.server.ts'
import type { CommunitySearchEngine } from '#search/community-types.ts'

const holder = rememberBox<CommunitySearchEngine>('community-search-engine')

/** Meilisearch when MEILI_HOST is set (its own index, MEILI_COMMUNITY_INDEX or `community`), otherwise the embedded engine. */
export function communitySearchEngine(): CommunitySearchEngine {
  holder.current ??= process.env.MEILI_HOST
    ? new MeiliCommunitySearch({
        host: process.env.MEILI_HOST,
        apiKey: process.env.MEILI_API_KEY || undefined,
        searchKey: process.env.MEILI_SEARCH_KEY || undefined,
        index: process.env.MEILI_COMMUNITY_INDEX || 'community',
      })
    : new PostgresCommunitySearch()
  return holder.current
}

export function setCommunitySearchEngine(engine: CommunitySearchEngine | undefined) {
  holder.current = engine
}

/** Inside a transaction the embedded engine writes through it (PGlite has one connection). */
export function communityEngineFor(engine: CommunitySearchEngine, q: Queryable): CommunitySearchEngine {
  return engine instanceof PostgresCommunitySearch ? engine.using(q) : engine
}
