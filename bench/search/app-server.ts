/** The app as deployed: Express + Remix (production build) + outbox workers, on the bench database. */
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import { closeDb } from '../../db/client.server.ts'
import { createAppServer } from '../../app/http/app.server.ts'
import '../../app/features/registry.server.ts'

const build = (await import(path.resolve('build/server/index.js'))) as ServerBuild
const app = await createAppServer({ build, workers: process.env.WORKERS !== 'false' })
const port = await app.listen(0, '127.0.0.1')
app.server.keepAliveTimeout = 60_000
process.send?.({ port })
process.on('message', async (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  if (m === 'stop') {
    await app.close()
    await closeDb()
    process.exit(0)
  }
})
