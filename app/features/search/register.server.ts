import { consumerLag } from '../events/outbox.server.ts'
import { registerPublicRoute, registerReadinessCheck } from '../../http/app.server.ts'
import { registerConsumer } from '../../http/workers.server.ts'
import { searchEngine } from '../../../search/engine.server.ts'
import { handleSearchEvents, SEARCH_CONSUMER } from '../../../search/sync.server.ts'
import { answerSearchApi } from './api.server.ts'

/** Keeps the search index in step with the outbox, and reports how far behind it is on /readyz. */
registerConsumer({ name: SEARCH_CONSUMER, handle: (events, tx) => handleSearchEvents(events, tx), intervalMs: 100 })

registerReadinessCheck('search', async () => {
  const engine = searchEngine()
  const lag = await consumerLag(SEARCH_CONSUMER)
  const healthy = await engine.health().catch(() => false)
  return { engine: engine.name, healthy, pending: lag.pending, lagSeconds: Number(lag.lagSeconds.toFixed(3)) }
})

registerPublicRoute('/api/v1/search', answerSearchApi)
