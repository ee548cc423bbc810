import { every, registerConsumer, wakeWorkers } from '../../http/workers.server.ts'
import '../messaging/realtime.server.ts'
import { deliverNotifications, NOTIFICATION_CONSUMER, runDailyDigest } from '../notifications/delivery.server.ts'
import { runReferralMaintenance } from './lifecycle.server.ts'

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

// Reminders and expiry claim rows with UPDATE … RETURNING, so every node may run them.
every('referral-maintenance', 60_000, () => runReferralMaintenance())
every('daily-digest', 10 * 60_000, () => runDailyDigest())
