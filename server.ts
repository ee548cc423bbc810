import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import { env, parseEnv } from '#app/env.server.ts'

// Checked before anything else is imported: some modules read the configuration as they load.
try {
  parseEnv()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const { closeDb, migrate } = await import('#db/client.server.ts')
const { createAppServer, staticAssets } = await import('#app/http/app.server.ts')
const { logger } = await import('#app/core/logger.server.ts')

const config = env()
await migrate()
{
  // The data step of migration 0045: webhook signing secrets stored in plaintext before are encrypted (idempotent).
  const { encryptPlaintextWebhookSecrets } = await import('#app/features/webhooks/secret-box.server.ts')
  const encrypted = await encryptPlaintextWebhookSecrets()
  if (encrypted) logger.info({ endpoints: encrypted }, 'encrypted plaintext webhook signing secrets')
}

let build: ServerBuild | (() => Promise<ServerBuild>)
let assets
if (config.NODE_ENV === 'production') {
  build = (await import(path.resolve('build/server/index.js'))) as ServerBuild
  assets = staticAssets()
} else {
  const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
  build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  assets = [vite.middlewares]
}

const appServer = await createAppServer({
  build,
  assets,
  redisUrl: config.REDIS_URL,
  workers: config.WORKERS,
})
const port = await appServer.listen(config.PORT, config.HOST)
logger.info({ port, mode: config.NODE_ENV }, `Partner ecosystem listening on http://localhost:${port}`)

let shuttingDown = false
async function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  logger.info({ signal }, 'shutting down')
  await appServer.close().catch(() => undefined)
  await closeDb()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
