import type { Server } from 'socket.io'
import { relayEvents } from '../../realtime/relay.server.ts'
import { type ConsumerLoop, type EventHandler, startConsumer } from '../features/events/outbox.server.ts'
import { deliverPendingMail } from '../features/mail/mail.server.ts'
import { env } from '../env.server.ts'
import { logger } from './logger.server.ts'

export type Consumer = { name: string; handle: EventHandler; intervalMs?: number }

const extraConsumers: Consumer[] = []

/** Capabilities add outbox consumers here (search indexer, notifications, …). */
export function registerConsumer(consumer: Consumer) {
  if (!extraConsumers.some((c) => c.name === consumer.name)) extraConsumers.push(consumer)
}

export function startWorkers({ io }: { io: Server }) {
  const loops: ConsumerLoop[] = []
  const onError = (name: string) => (error: unknown) => logger.error({ err: error, consumer: name }, 'outbox consumer failed')
  loops.push(startConsumer('realtime', async (events) => relayEvents(io, events), { intervalMs: 100, onError: onError('realtime') }))
  for (const consumer of extraConsumers) {
    loops.push(startConsumer(consumer.name, consumer.handle, { intervalMs: consumer.intervalMs ?? 250, onError: onError(consumer.name) }))
  }
  const mailTimer = setInterval(() => {
    deliverPendingMail().catch((error) => logger.error({ err: error }, 'mail delivery failed'))
  }, 2000)
  const wakeAll = () => loops.forEach((l) => l.wake())
  ;(globalThis as { __peWakeWorkers?: () => void }).__peWakeWorkers = wakeAll
  return {
    wake: wakeAll,
    async stop() {
      clearInterval(mailTimer)
      await Promise.all(loops.map((l) => l.stop()))
    },
  }
}

/** Nudges the consumers after a commit so live updates do not wait for the next poll. */
export function wakeWorkers() {
  ;(globalThis as { __peWakeWorkers?: () => void }).__peWakeWorkers?.()
}

const timers = globalThis as { __peTimers?: Map<string, NodeJS.Timeout> }

/**
 * A periodic job on nodes that run workers (not in tests): `job` runs every `ms`, its failures
 * are logged, and the outbox consumers are woken after it. Registering a name twice (module
 * reloads in development) keeps the first timer. Jobs must be safe on many nodes at once.
 */
export function every(name: string, ms: number, job: () => Promise<unknown>) {
  if (env().NODE_ENV === 'test' || !env().WORKERS) return
  timers.__peTimers ??= new Map()
  if (timers.__peTimers.has(name)) return
  const timer = setInterval(() => {
    job()
      .then(() => wakeWorkers())
      .catch((error) => logger.error({ err: error, job: name }, 'periodic job failed'))
  }, ms)
  timer.unref()
  timers.__peTimers.set(name, timer)
}
