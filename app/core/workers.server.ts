import type { Server } from 'socket.io'
import { relayEvents } from '#realtime/relay.server.ts'
import { type ConsumerLoop, startConsumer } from '#app/features/events/outbox.server.ts'
import { env } from '#app/env.server.ts'
import { logger } from '#app/core/logger.server.ts'
import type { CapabilityModule } from '#app/core/module.ts'
import { remember } from '#app/core/remember.ts'

/** The running consumer loops of this process, so a commit anywhere (route or server) can wake them. */
const running = () => remember('workers', () => ({ wake: null as (() => void) | null, timers: new Map<string, NodeJS.Timeout>() }))

/**
 * Starts what the modules declare: the realtime relay, every module's outbox consumers, and their
 * periodic jobs (jobs skip the test environment unless marked `inTests`; a job's failure is
 * logged, and the consumers are woken after it). Jobs must be safe on many nodes at once.
 */
export function startWorkers({ io, modules }: { io: Server; modules: readonly CapabilityModule[] }) {
  const loops: ConsumerLoop[] = []
  const onError = (name: string) => (error: unknown) => logger.error({ err: error, consumer: name }, 'outbox consumer failed')
  loops.push(startConsumer('realtime', async (events) => relayEvents(io, events), { intervalMs: 100, onError: onError('realtime') }))
  for (const consumer of modules.flatMap((m) => m.consumers ?? [])) {
    loops.push(startConsumer(consumer.name, consumer.handle, { intervalMs: consumer.intervalMs ?? 250, onError: onError(consumer.name), afterCommit: consumer.afterCommit }))
  }
  const wakeAll = () => loops.forEach((l) => l.wake())
  const state = running()
  state.wake = wakeAll
  const timers: NodeJS.Timeout[] = []
  const testing = env().NODE_ENV === 'test'
  for (const job of modules.flatMap((m) => m.jobs ?? [])) {
    if (testing && !job.inTests) continue
    // Development reloads modules: a job already running in this process keeps its first timer.
    if (state.timers.has(job.name)) continue
    const timer = setInterval(() => {
      job
        .run()
        .then(() => wakeWorkers())
        .catch((error) => logger.error({ err: error, job: job.name }, 'periodic job failed'))
    }, job.everyMs)
    timer.unref()
    state.timers.set(job.name, timer)
    timers.push(timer)
  }
  return {
    wake: wakeAll,
    async stop() {
      for (const timer of timers) clearInterval(timer)
      for (const [name, timer] of state.timers) if (timers.includes(timer)) state.timers.delete(name)
      if (state.wake === wakeAll) state.wake = null
      await Promise.all(loops.map((l) => l.stop()))
    },
  }
}

/** Nudges the consumers after a commit so live updates do not wait for the next poll. */
export function wakeWorkers() {
  running().wake?.()
}
