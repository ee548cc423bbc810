import { defineModule } from '#app/core/module.ts'
import { searchEngine } from '#search/engine.server.ts'
import { handleSearchEvents, SEARCH_CONSUMER } from '#search/sync.server.ts'
import { consumerLag } from '#app/features/events/outbox.server.ts'
import { answerSearchApi } from '#app/features/search/api.server.ts'

export const searchModule = defineModule({
  name: 'search',
  summary: 'Marketplace search (PostgreSQL engine or Meilisearch), kept in step with the outbox; the public search API.',
  consumers: [{ name: SEARCH_CONSUMER, handle: (events, tx) => handleSearchEvents(events, tx), intervalMs: 100 }],
  publicRoutes: { '/api/v1/search': answerSearchApi },
  readiness: {
    // How far behind the index is, reported on /readyz.
    async search() {
      const engine = searchEngine()
      const lag = await consumerLag(SEARCH_CONSUMER)
      const healthy = await engine.health().catch(() => false)
      return { engine: engine.name, healthy, pending: lag.pending, lagSeconds: Number(lag.lagSeconds.toFixed(3)) }
    },
  },
})
