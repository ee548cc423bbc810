/**
 * One app node for bench/realtime, in its own process (so two nodes really use two cores):
 * prints `READY <url>` once it listens, and stops on SIGTERM.
 */
process.env.NODE_ENV ??= 'production'
process.env.LOG_LEVEL ??= 'silent'
const { startNode } = await import('#app/features/messaging/testing.server.ts')
const { messageRateLimit } = await import('#app/features/messaging/threads.server.ts')
messageRateLimit.max = Math.max(messageRateLimit.max, 100)
process.on('uncaughtException', () => {})
process.on('unhandledRejection', () => {})
const node = await startNode({ redisUrl: process.env.BENCH_NODE_REDIS || undefined })
console.log(`READY ${node.url}`)
process.on('SIGTERM', () => {
  void node.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 3000).unref()
})

export {}
