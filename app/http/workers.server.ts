import type { Server } from 'socket.io'
import { relayEvents } from '../../realtime/relay.server.ts'
import { type ConsumerLoop, type EventHandler, startConsumer } from '../features/events/outbox.server.ts'
import { deliverPendingMail } from '../features/mail/mail.server.ts'
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
