/** The app as deployed: Express + Remix (production build) + outbox workers, on the bench database. */
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { ServerBuild } from '@remix-run/node'
import { closeDb } from '#db/client.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { searchEngine } from '#search/engine.server.ts'

// BENCH_BUILD: another build folder (e.g. a copy of the build before a change, for before/after pairs).
const build = (await import(path.resolve(process.env.BENCH_BUILD || 'build', 'server/index.js'))) as ServerBuild
const app = await createAppServer({ build, workers: process.env.WORKERS !== 'false' })
const port = await app.listen(0, '127.0.0.1')
app.server.keepAliveTimeout = 60_000
process.send?.({ port })
// How long callbacks waited for the event loop (a long synchronous task delays every request in flight).
const loopDelay = monitorEventLoopDelay({ resolution: 5 })
loopDelay.enable()
process.on('message', async (m) => {
  if (m === 'cpu') {
    // The engine's own counters, when it keeps them (Meilisearch: answers kept, multi-searches sent).
    const stats = (searchEngine() as { stats?: Record<string, number> }).stats
    process.send?.({ cpu: process.cpuUsage(), loopDelay: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }, search: stats ? { ...stats } : undefined })
    loopDelay.reset()
  }
  if (m === 'stop') {
    await app.close()
    await closeDb()
    process.exit(0)
  }
})
