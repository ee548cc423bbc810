import { env } from '../../env.server.ts'
import { logger } from '../../http/logger.server.ts'
import { registerConsumer, wakeWorkers } from '../../http/workers.server.ts'
import '../messaging/realtime.server.ts'
import { deliverNotifications, NOTIFICATION_CONSUMER, runDailyDigest } from '../notifications/delivery.server.ts'
import { runReferralMaintenance } from './referrals.server.ts'

/**
 * Referrals, threads and notifications: the socket handlers (imported above), the outbox
 * consumer that delivers notifications, and the timers for reminders/expiry and the daily digest.
 * The timers are safe on many nodes (each claims rows with UPDATE … RETURNING).
 */
registerConsumer({
  name: NOTIFICATION_CONSUMER,
  intervalMs: 200,
  async handle(events, tx) {
    await deliverNotifications(events, tx)
    wakeWorkers()
  },
})

const holder = globalThis as { __peReferralTimers?: NodeJS.Timeout[] }
if (env().NODE_ENV !== 'test' && env().WORKERS && !holder.__peReferralTimers) {
  const every = (ms: number, name: string, job: () => Promise<unknown>) => {
    const t = setInterval(() => {
      job()
        .then(() => wakeWorkers())
        .catch((error) => logger.error({ err: error, job: name }, 'referral job failed'))
    }, ms)
    t.unref()
    return t
  }
  holder.__peReferralTimers = [every(60_000, 'referral-maintenance', () => runReferralMaintenance()), every(10 * 60_000, 'daily-digest', () => runDailyDigest())]
}
